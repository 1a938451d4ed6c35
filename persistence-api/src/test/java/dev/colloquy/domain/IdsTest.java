package dev.colloquy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7AndStrictlyIncreasingEvenWithinOneMillisecond() {
        Clock frozen = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next(frozen));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Ids.compare(ids.get(i - 1), ids.get(i))).isNegative();
        }
        assertThat(ids.get(0).version()).isEqualTo(7);
        assertThat(ids.get(0).variant()).isEqualTo(2);
        assertThat(ids.get(0).getMostSignificantBits() >>> 16)
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void comparisonIsUnsignedBytewiseLikeTheDatabases() {
        var low = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
        var high = UUID.fromString("80000000-0000-7000-8000-000000000000");
        assertThat(low.compareTo(high)).isPositive();
        assertThat(Ids.compare(low, high)).isNegative();
        assertThat(Ids.compare(high, high)).isZero();
        assertThat(Ids.compare(
                        UUID.fromString("00000000-0000-7000-8000-000000000001"),
                        UUID.fromString("00000000-0000-7000-8000-000000000002")))
                .isNegative();
    }

    @Test
    void parsingNamesTheFieldOnBadInput() {
        var id = Ids.next();
        assertThat(Ids.parse("id", id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> Ids.parse("id", "nope")).hasMessage("id: 'nope' is not a UUID");
        assertThatThrownBy(() -> Ids.parse("id", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Ids.parse("id", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))
                .isInstanceOf(InvalidInputException.class);
    }
}
