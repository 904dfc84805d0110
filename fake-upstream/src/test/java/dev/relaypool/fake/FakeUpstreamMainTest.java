package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeUpstreamMainTest {

    @Test
    void readsTheCommandLine() throws Exception {
        FakeUpstream.Options o = FakeUpstreamMain.parse(
                new String[] {"--port", "9000", "--pacing-ms", "25", "--reply", "hi there", "--deltas", "2", "--record", "0"});
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.pacing()).isEqualTo(Duration.ofMillis(25));
        assertThat(o.reply()).isEqualTo("hi there");
        assertThat(o.deltas()).isEqualTo(2);
        assertThat(o.recordLimit()).isZero();
    }

    @Test
    void defaultsToPort8090AndLoopback() throws Exception {
        FakeUpstream.Options o = FakeUpstreamMain.parse(new String[0]);
        assertThat(o.port()).isEqualTo(8090);
        assertThat(o.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--port", "x"})).hasMessageContaining("number");
        assertThatThrownBy(() -> FakeUpstreamMain.parse(new String[] {"--port"})).hasMessageContaining("missing value");
    }
}
