package dev.relaypool.server.billing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Objects;

/**
 * An uploaded price catalogue as a request body, kept exact: the API's general JSON reading turns floats into
 * {@code double}, which keeps only about 16 significant digits, so this body reads its tree with the catalogue
 * parser's BigDecimal settings and keeps the document as text. Store and parse {@link #json()}, never a
 * re-serialised {@code JsonNode}.
 */
@JsonDeserialize(using = CatalogueDocument.Reader.class)
public record CatalogueDocument(String json) {
    public CatalogueDocument {
        Objects.requireNonNull(json, "json");
    }

    /** Jackson's hook: reads whatever JSON value the body holds, numbers as written. */
    public static final class Reader extends StdDeserializer<CatalogueDocument> {
        public Reader() {
            super(CatalogueDocument.class);
        }

        @Override
        public CatalogueDocument deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return new CatalogueDocument(CatalogueParser.MAPPER.writeValueAsString(CatalogueParser.MAPPER.readTree(parser)));
        }
    }
}
