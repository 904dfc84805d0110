package dev.relaypool.server.billing;

import java.util.List;
import java.util.Objects;

/** The outcome of reading a price catalogue document: usable, or every problem found, each naming model and field. */
public sealed interface CatalogueParse {
    record Valid(PriceCatalogue catalogue) implements CatalogueParse {
        public Valid {
            Objects.requireNonNull(catalogue, "catalogue");
        }
    }

    record Invalid(List<String> problems) implements CatalogueParse {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid catalogue needs at least one problem");
            }
        }

        public String message() {
            return String.join("; ", problems);
        }
    }
}
