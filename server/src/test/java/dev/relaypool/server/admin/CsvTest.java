package dev.relaypool.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesSeparatorsAndDefusesFormulas() {
        assertThat(Csv.row("a,b", "say \"hi\"", null, 42, -1, "=SUM(A1)", "plain"))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",,42,-1,'=SUM(A1),plain\n");
    }
}
