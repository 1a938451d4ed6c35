package dev.colloquy.persistence.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesShortFormsAndIso8601() {
        assertThat(Durations.parse("X", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("X", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("X", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("X", "12H")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("X", " 90d ")).isEqualTo(Duration.ofDays(90));
        assertThat(Durations.parse("X", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("X", "0")).as("zero needs no unit").isZero();
    }

    @Test
    void rejectsAnythingElseNamingTheSetting() {
        for (String bad : new String[] {"", "5", "5 s", "-5s", "5w", "P", "PT-5S", "soon"}) {
            assertThatThrownBy(() -> Durations.parse("DB_STARTUP_TIMEOUT", bad))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("DB_STARTUP_TIMEOUT: ");
        }
    }

    @Test
    void secretsNeverPrint() {
        assertThat(Secret.of("hunter2").toString()).isEqualTo("****");
        assertThat(Secret.of("")).isSameAs(Secret.NONE);
        assertThat(Secret.NONE.toString()).isEqualTo("(none)");
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
    }
}
