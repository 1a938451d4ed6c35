package dev.colloquy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewestMatchesTest {

    /** Time-ordered ids: {@code n} as the high bits. */
    private static UUID id(long n) {
        return new UUID(n << 16 | 0x7000, 0x8000_0000_0000_0000L);
    }

    @Test
    void keepsTheNewestByIdWhateverTheOrderTheyCome() {
        var ids = new ArrayList<Long>();
        for (long n = 1; n <= 3000; n++) {
            ids.add(n);
        }
        Collections.shuffle(ids, new Random(3));
        var newest = new NewestMatches();
        for (long n : ids) {
            assertThat(newest.complete(null)).isFalse();
            newest.add(id(n), "t" + n);
        }
        assertThat(newest.capped()).isTrue();
        List<NewestMatches.Match> kept = newest.newestFirst();
        assertThat(kept).hasSize(Ranking.CANDIDATES);
        assertThat(kept.get(0)).isEqualTo(new NewestMatches.Match(id(3000), "t3000"));
        assertThat(kept.get(Ranking.CANDIDATES - 1).id()).isEqualTo(id(2001));
    }

    @Test
    void isCompleteOnlyWhenNoLaterRowCanBeNewerThanTheOldestKept() {
        var newest = new NewestMatches();
        for (long n = 5000; n > 5000 - Ranking.CANDIDATES; n--) {
            newest.add(id(n), "");
        }
        // One short of one more than are ranked: a later row may still tell that there were more.
        assertThat(newest.complete(id(1))).isFalse();
        newest.add(id(3000), "");
        assertThat(newest.capped()).isTrue();
        // The oldest kept is 3000: rows at most 3000 cannot enter, a ceiling above it may.
        assertThat(newest.complete(id(2999))).isTrue();
        assertThat(newest.complete(id(3000))).isTrue();
        assertThat(newest.complete(id(3001))).isFalse();
        assertThat(newest.complete(null)).isFalse();
        // A newer match pushes the oldest out; the one beyond the ranked ones is only the sign of more.
        newest.add(id(3500), "");
        assertThat(newest.complete(id(3499))).isTrue();
        assertThat(newest.complete(id(3501))).isFalse();
        assertThat(newest.newestFirst())
                .hasSize(Ranking.CANDIDATES)
                .extracting(NewestMatches.Match::id)
                .doesNotContain(id(3000), id(3500))
                .startsWith(id(5000));
    }

    @Test
    void fewMatchesAreAllKeptAndNotCapped() {
        var newest = new NewestMatches();
        newest.add(id(2), "b");
        newest.add(id(9), "c");
        newest.add(id(1), "a");
        assertThat(newest.capped()).isFalse();
        assertThat(newest.newestFirst()).extracting(NewestMatches.Match::text).containsExactly("c", "b", "a");
    }

    @Test
    void offerPassesOverTextsThatDoNotMatchAndRefusesRowsOnceComplete() {
        var newest = new NewestMatches();
        var query = Optional.of(SearchQuery.parse("refund -late"));
        assertThat(newest.offer(id(1), "a refund", null, query)).isTrue();
        assertThat(newest.offer(id(2), "a late refund", null, query)).isTrue();
        assertThat(newest.offer(id(3), "an invoice", null, query)).isTrue();
        assertThat(newest.newestFirst()).extracting(NewestMatches.Match::id).containsExactly(id(1));

        var rows = new NewestMatches();
        for (long n = 5000; n >= 5000 - Ranking.CANDIDATES; n--) {
            assertThat(rows.offer(id(n), "", id(n), Optional.empty())).isTrue();
        }
        // 1,001 held, the oldest 4000: a row whose ceiling is older cannot enter, and is refused.
        assertThat(rows.offer(id(3999), "", id(3999), Optional.empty())).isFalse();
        assertThat(rows.newestFirst()).extracting(NewestMatches.Match::id).doesNotContain(id(3999));
        assertThat(rows.capped()).isTrue();
    }
}
