package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Limits;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.retention.PurgeResult;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention works across all projects, so each test here runs on a database of its own. */
public interface RetentionContract extends ContractSupport {

    private Conversation conversationAt(Database db, UUID project, Instant at, String... contents) {
        try (var pin = clock().pin(at)) {
            var conversation = db.conversations().create(project, NewConversation.empty());
            if (contents.length > 0) {
                db.messages()
                        .append(
                                project,
                                conversation.id(),
                                List.of(contents).stream()
                                        .map(content -> NewMessage.of("user", content))
                                        .toList());
            }
            return conversation;
        }
    }

    @Test
    default void purgeRemovesOnlyConversationsNotUpdatedSinceTheCutoff() {
        try (Database db = Database.open(freshSettings(), clock(), Limits.DEFAULTS)) {
            UUID project = db.projects().create("retention").id();
            Instant cutoff = Instant.parse("2001-06-01T00:00:00Z");
            var old = new ArrayList<Conversation>();
            for (int i = 0; i < 25; i++) {
                old.add(conversationAt(
                        db,
                        project,
                        Instant.parse("2001-01-01T00:00:00Z").plusSeconds(i),
                        "ancient mammoth " + i,
                        "ice age"));
            }
            Conversation revived = conversationAt(db, project, Instant.parse("2001-01-01T00:00:00Z"));
            try (var pin = clock().pin(cutoff)) {
                db.messages()
                        .append(
                                project,
                                revived.id(),
                                List.of(NewMessage.of("user", "a mammoth revived at the cutoff")));
            }
            Conversation future = conversationAt(db, project, Instant.parse("2099-01-01T00:00:00Z"), "future mammoth");

            PurgeResult preview = db.retention().countNotUpdatedSince(cutoff);
            PurgeResult purged = db.retention().purgeNotUpdatedSince(cutoff, 10);

            assertThat(preview).isEqualTo(new PurgeResult(25, 50));
            assertThat(purged).isEqualTo(preview);
            for (Conversation gone : old) {
                assertThatThrownBy(() -> db.conversations().get(project, gone.id()))
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(db.conversations().get(project, revived.id()).messageCount())
                    .isEqualTo(1);
            assertThat(db.conversations().get(project, future.id()).messageCount())
                    .isEqualTo(1);
            assertThat(db.search().search(project, SearchRequest.of("mammoth")))
                    .extracting(SearchHit::conversationId)
                    .containsExactlyInAnyOrder(revived.id(), future.id());
            assertThat(db.searchIndexConsistent()).isTrue();
            assertThat(db.retention().countNotUpdatedSince(cutoff)).isEqualTo(new PurgeResult(0, 0));
            assertThat(db.retention().counts().messages()).isEqualTo(2);
        }
    }

    @Test
    default void purgeBatchSizeIsBounded() {
        assertThatThrownBy(() -> database().retention().purgeNotUpdatedSince(Instant.EPOCH, 0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database().retention().purgeNotUpdatedSince(Instant.EPOCH, 10_001))
                .isInstanceOf(InvalidInputException.class);
    }
}
