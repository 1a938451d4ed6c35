package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.conversation.TagCount;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Page;
import dev.colloquy.message.History;
import dev.colloquy.search.SearchRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

public interface ConversationContract extends ContractSupport {

    ObjectMapper JSON = new ObjectMapper();

    static Metadata json(String text) {
        return Metadata.parse("metadata", text);
    }

    @Test
    default void createdConversationReadsBackWithEveryField() {
        UUID project = newProject();
        var created = database()
                .conversations()
                .create(
                        project,
                        new NewConversation(
                                Optional.of("Trip to Lisbon"),
                                json("{\"user\":\"u-1\",\"n\":3}"),
                                List.of("Travel", "  work ", "travel")));

        var read = database().conversations().get(project, created.id());

        assertThat(read).isEqualTo(created);
        assertThat(read.title()).contains("Trip to Lisbon");
        assertThat(read.metadata()).isEqualTo(json("{\"n\":3,\"user\":\"u-1\"}"));
        assertThat(read.tags()).containsExactly("travel", "work");
        assertThat(read.messageCount()).isZero();
        assertThat(read.projectId()).isEqualTo(project);
        assertThat(read.createdAt()).isEqualTo(read.updatedAt());
    }

    @Test
    default void conversationCreatedWithNothingHasNoTitleEmptyMetadataAndNoTags() {
        UUID project = newProject();
        var read =
                database().conversations().get(project, newConversation(project).id());

        assertThat(read.title()).isEmpty();
        assertThat(read.metadata()).isEqualTo(Metadata.EMPTY);
        assertThat(read.tags()).isEmpty();
    }

    @Test
    default void conversationIdsAreTimeOrderedVersion7() {
        UUID project = newProject();
        var first = newConversation(project);
        var second = newConversation(project);

        assertThat(first.id().version()).isEqualTo(7);
        assertThat(Ids.compare(first.id(), second.id())).isNegative();
    }

    @Test
    default void unknownConversationIsNotFound() {
        UUID project = newProject();
        assertThatThrownBy(() -> database().conversations().get(project, UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> database().conversations().update(project, UUID.randomUUID(), ConversationPatch.none()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().conversations().delete(project, UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void patchRenamesAndRemovesTheTitle() {
        UUID project = newProject();
        var conversation = database().conversations().create(project, NewConversation.titled("old"));

        var renamed = database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().title(Optional.of("new")));
        assertThat(renamed.title()).contains("new");

        var cleared = database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().title(Optional.empty()));
        assertThat(cleared.title()).isEmpty();
        assertThat(database().conversations().get(project, conversation.id()).title())
                .isEmpty();
    }

    @Test
    default void patchMergesMetadataAsJsonMergePatch() throws Exception {
        UUID project = newProject();
        var conversation = database()
                .conversations()
                .create(
                        project,
                        NewConversation.empty().withMetadata(json("{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":\"x\"}")));

        var patched = database()
                .conversations()
                .update(
                        project,
                        conversation.id(),
                        ConversationPatch.none()
                                .mergeMetadata(
                                        JSON.readTree("{\"a\":null,\"b\":{\"d\":null,\"f\":[1,2]},\"g\":true}")));

        assertThat(patched.metadata()).isEqualTo(json("{\"b\":{\"c\":2,\"f\":[1,2]},\"e\":\"x\",\"g\":true}"));
        assertThat(database().conversations().get(project, conversation.id()).metadata())
                .isEqualTo(patched.metadata());

        var emptied = database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().mergeMetadata(JSON.readTree("null")));
        assertThat(emptied.metadata()).isEqualTo(Metadata.EMPTY);
    }

    @Test
    default void patchReplacesTheTagSetAndMovesUpdatedAt() {
        UUID project = newProject();
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        Conversation conversation;
        try (var pin = clock().pin(start)) {
            conversation = database()
                    .conversations()
                    .create(project, NewConversation.empty().withTags("a", "b"));
        }
        Conversation patched;
        try (var pin = clock().pin(start.plusSeconds(5))) {
            patched = database()
                    .conversations()
                    .update(project, conversation.id(), ConversationPatch.none().tags(List.of("B", "c")));
        }

        assertThat(patched.tags()).containsExactly("b", "c");
        assertThat(patched.updatedAt()).isEqualTo(start.plusSeconds(5));
        assertThat(patched.createdAt()).isEqualTo(start);
        assertThat(database().conversations().tags(project))
                .containsExactly(new TagCount("b", 1), new TagCount("c", 1));
    }

    @Test
    default void invalidPatchChangesNothing() {
        UUID project = newProject();
        var conversation = database()
                .conversations()
                .create(project, NewConversation.titled("keep").withTags("keep"));

        assertThatThrownBy(() -> database()
                        .conversations()
                        .update(
                                project,
                                conversation.id(),
                                ConversationPatch.none()
                                        .title(Optional.of("ok"))
                                        .tags(List.of("fine", "bad\0"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .update(
                                project,
                                conversation.id(),
                                ConversationPatch.none().mergeMetadata(JSON.createArrayNode())))
                .isInstanceOf(InvalidInputException.class);

        assertThat(database().conversations().get(project, conversation.id())).isEqualTo(conversation);
    }

    @Test
    default void concurrentPatchesOfOneConversationLoseNoChange() throws Exception {
        UUID project = newProject();
        var conversation = newConversation(project);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<Conversation>>();
            for (int i = 0; i < 24; i++) {
                String key = "k" + i;
                tasks.add(() -> database()
                        .conversations()
                        .update(
                                project,
                                conversation.id(),
                                ConversationPatch.none()
                                        .mergeMetadata(JSON.createObjectNode().put(key, key))));
            }
            for (var future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        var metadata = database()
                .conversations()
                .get(project, conversation.id())
                .metadata()
                .tree();
        assertThat(metadata.size()).isEqualTo(24);
    }

    @Test
    default void deleteRemovesTheConversationWithItsMessages() {
        UUID project = newProject();
        var conversation = database()
                .conversations()
                .create(project, NewConversation.empty().withTags("gone"));
        append(project, conversation.id(), "the zebra crossing", "another zebra");
        long messagesBefore = counts().messages();

        database().conversations().delete(project, conversation.id());

        assertThatThrownBy(() -> database().conversations().get(project, conversation.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().messages().history(project, conversation.id(), History.last(5)))
                .isInstanceOf(NotFoundException.class);
        assertThat(counts().messages()).isEqualTo(messagesBefore - 2);
        assertThat(database().search().search(project, SearchRequest.of("zebra")))
                .isEmpty();
        assertThat(database().conversations().tags(project)).isEmpty();
        assertThat(database().searchIndexConsistent()).isTrue();
    }

    @Test
    default void listIsOrderedByUpdatedAtDescendingThenId() {
        UUID project = newProject();
        Instant base = Instant.parse("2031-05-01T10:00:00Z");
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            try (var pin = clock().pin(base.plusSeconds(i))) {
                ids.add(newConversation(project).id());
            }
        }
        try (var pin = clock().pin(base.plusSeconds(60))) {
            append(project, ids.get(1), "bump");
        }

        var listed = database().conversations().list(project, ConversationFilter.all()).items().stream()
                .map(Conversation::id)
                .toList();

        assertThat(listed).containsExactly(ids.get(1), ids.get(4), ids.get(3), ids.get(2), ids.get(0));
    }

    @Test
    default void paginationNeverRepeatsOrSkipsWhenTimestampsTie() {
        UUID project = newProject();
        Instant tie = Instant.parse("2032-02-02T02:02:02.002Z");
        var expected = new ArrayList<UUID>();
        try (var pin = clock().pin(tie)) {
            for (int i = 0; i < 23; i++) {
                expected.add(newConversation(project).id());
            }
        }
        try (var pin = clock().pin(tie.plusMillis(1))) {
            expected.add(0, newConversation(project).id());
        }
        expected.subList(1, expected.size()).sort(Ids::compare);

        var seen = new ArrayList<UUID>();
        var filter = ConversationFilter.all().withLimit(5);
        int pages = 0;
        while (true) {
            Page<Conversation> page = database().conversations().list(project, filter);
            page.items().forEach(c -> seen.add(c.id()));
            pages++;
            if (page.nextCursor().isEmpty()) {
                break;
            }
            filter = filter.after(page.nextCursor().get());
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    default void listFiltersByTagIgnoringCase() {
        UUID project = newProject();
        var tagged = database()
                .conversations()
                .create(project, NewConversation.empty().withTags("Work", "urgent"));
        database().conversations().create(project, NewConversation.empty().withTags("home"));
        newConversation(project);

        var listed = database()
                .conversations()
                .list(project, ConversationFilter.all().withTag("WORK"))
                .items();

        assertThat(listed).extracting(Conversation::id).containsExactly(tagged.id());
        assertThat(listed.get(0).tags()).containsExactly("urgent", "work");
        assertThat(database()
                        .conversations()
                        .list(project, ConversationFilter.all().withTag("none"))
                        .items())
                .isEmpty();
    }

    @Test
    default void aLargePageCarriesEveryConversationsTags() {
        UUID project = newProject();
        // More conversations than one statement reads the tags of (500), each with its own tag.
        int count = 510;
        for (int i = 0; i < count; i++) {
            database().conversations().create(project, NewConversation.empty().withTags("shared", "t" + i));
        }

        var listed = database()
                .conversations()
                .list(project, ConversationFilter.all().withLimit(count))
                .items();

        assertThat(listed).hasSize(count);
        assertThat(listed)
                .allSatisfy(c -> assertThat(c.tags())
                        .hasSize(2)
                        .contains("shared")
                        .anySatisfy(tag -> assertThat(tag).startsWith("t")));
        assertThat(listed.stream().flatMap(c -> c.tags().stream()).filter(tag -> !tag.equals("shared")))
                .doesNotHaveDuplicates()
                .hasSize(count);
    }

    @Test
    default void listFiltersByMetadataKeyEqualsValue() {
        UUID project = newProject();
        var text = database()
                .conversations()
                .create(
                        project,
                        NewConversation.empty()
                                .withMetadata(
                                        json(
                                                "{\"user\":\"u-42\",\"n\":42,\"flag\":true,\"ratio\":0.5,\"nested\":{\"user\":\"u-42\"}}")));
        var number = database()
                .conversations()
                .create(project, NewConversation.empty().withMetadata(json("{\"user\":42,\"flag\":false}")));
        database().conversations().create(project, NewConversation.empty().withMetadata(json("{\"other\":\"u-42\"}")));

        assertThat(ids(project, ConversationFilter.all().withMetadata("user", "u-42")))
                .containsExactly(text.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("user", "42")))
                .containsExactly(number.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("n", "42")))
                .containsExactly(text.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("flag", "true")))
                .containsExactly(text.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("flag", "false")))
                .containsExactly(number.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("ratio", "0.5")))
                .containsExactly(text.id());
        assertThat(ids(
                        project,
                        ConversationFilter.all().withMetadata("user", "u-42").withMetadata("flag", "true")))
                .containsExactly(text.id());
        assertThat(ids(
                        project,
                        ConversationFilter.all().withMetadata("user", "u-42").withMetadata("flag", "false")))
                .isEmpty();
        assertThat(ids(project, ConversationFilter.all().withMetadata("nested", "u-42")))
                .isEmpty();
        assertThat(ids(project, ConversationFilter.all().withMetadata("missing", "u-42")))
                .isEmpty();
        assertThat(ids(project, ConversationFilter.all().withMetadata("user", "U-42")))
                .isEmpty();
    }

    @Test
    default void tagAndMetadataFiltersFindTheSamePagesWhetherTheyAreRareOrCommon() {
        UUID project = newProject();
        // More conversations with "kind":"bulk" than a listing reads through the metadata index.
        var bulk = new ArrayList<UUID>();
        for (int i = 0; i < 1_005; i++) {
            bulk.add(database()
                    .conversations()
                    .create(
                            project,
                            NewConversation.empty()
                                    .withMetadata(json("{\"kind\":\"bulk\",\"i\":" + i + "}"))
                                    .withTags(i % 500 == 0 ? new String[] {"bulk", "vip"} : new String[] {"bulk"}))
                    .id());
        }
        var rare = database()
                .conversations()
                .create(project, NewConversation.empty().withMetadata(json("{\"kind\":\"bulk\",\"owner\":\"ann\"}")));
        // Newest first, page by page, with the common value alone...
        var common = new ArrayList<Conversation>();
        var filter = ConversationFilter.all().withMetadata("kind", "bulk").withLimit(400);
        for (var page = database().conversations().list(project, filter); ; ) {
            common.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = database()
                    .conversations()
                    .list(project, filter.after(page.nextCursor().get()));
        }
        var expected = new ArrayList<UUID>(bulk);
        expected.add(rare.id());
        assertThat(common).extracting(Conversation::id).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(common)
                .isSortedAccordingTo(Comparator.comparing(Conversation::updatedAt)
                        .reversed()
                        .thenComparing(Conversation::id, Ids::compare));
        // ... and with a rare one beside it.
        assertThat(ids(
                        project,
                        ConversationFilter.all().withMetadata("kind", "bulk").withMetadata("owner", "ann")))
                .containsExactly(rare.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("i", "1004")))
                .containsExactly(bulk.get(1004));
        // A common tag walks, a rare one drives; with a metadata value, the rarer of the two.
        assertThat(ids(project, ConversationFilter.all().withTag("bulk").withLimit(1000)))
                .hasSize(1000)
                .doesNotContain(rare.id());
        assertThat(ids(project, ConversationFilter.all().withTag("vip")))
                .containsExactly(bulk.get(1000), bulk.get(500), bulk.get(0));
        assertThat(ids(project, ConversationFilter.all().withTag("vip").withMetadata("kind", "bulk")))
                .containsExactly(bulk.get(1000), bulk.get(500), bulk.get(0));
        assertThat(ids(project, ConversationFilter.all().withTag("vip").withMetadata("i", "500")))
                .containsExactly(bulk.get(500));
        assertThat(ids(project, ConversationFilter.all().withTag("bulk").withMetadata("owner", "ann")))
                .isEmpty();
        assertThat(ids(project, ConversationFilter.all().withTag("nosuch"))).isEmpty();
        // A change of metadata moves the conversation between the values at once.
        database()
                .conversations()
                .update(
                        project,
                        rare.id(),
                        ConversationPatch.none()
                                .mergeMetadata(JSON.createObjectNode().put("owner", "bob")));
        assertThat(ids(project, ConversationFilter.all().withMetadata("owner", "ann")))
                .isEmpty();
        assertThat(ids(project, ConversationFilter.all().withMetadata("owner", "bob")))
                .containsExactly(rare.id());
        // Another project's conversations are not counted in, nor listed.
        UUID other = newProject();
        database().conversations().create(other, NewConversation.empty().withMetadata(json("{\"owner\":\"bob\"}")));
        assertThat(ids(project, ConversationFilter.all().withMetadata("owner", "bob")))
                .containsExactly(rare.id());
        database().conversations().delete(project, rare.id());
        assertThat(ids(project, ConversationFilter.all().withMetadata("owner", "bob")))
                .isEmpty();
    }

    @Test
    default void listFiltersByUpdatedSince() {
        UUID project = newProject();
        Instant t = Instant.parse("2033-03-03T03:03:03.333Z");
        try (var pin = clock().pin(t.minusMillis(1))) {
            newConversation(project);
        }
        UUID atCutoff;
        try (var pin = clock().pin(t)) {
            atCutoff = newConversation(project).id();
        }

        assertThat(ids(project, ConversationFilter.all().updatedSince(t))).containsExactly(atCutoff);
        assertThat(ids(project, ConversationFilter.all().updatedSince(t.plus(Duration.ofDays(1)))))
                .isEmpty();
    }

    @Test
    default void listRejectsBadCursorsLimitsAndFilterKeys() {
        UUID project = newProject();
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().after("garbage!")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().after("YzE6MTox")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().withLimit(-1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().withLimit(1001)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().withMetadata("a\"b", "x")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .list(project, ConversationFilter.all().withMetadata("k", "a\0")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    default void listUsesTheDefaultPageSizeWhenNoneIsGiven() {
        UUID project = newProject();
        for (int i = 0; i < 51; i++) {
            newConversation(project);
        }
        var page = database().conversations().list(project, ConversationFilter.all());
        assertThat(page.items()).hasSize(50);
        assertThat(page.nextCursor()).isPresent();
        var rest = database()
                .conversations()
                .list(project, ConversationFilter.all().after(page.nextCursor().get()));
        assertThat(rest.items()).hasSize(1);
        assertThat(rest.nextCursor()).isEmpty();
    }

    @Test
    default void tagsAreListedWithConversationCounts() {
        UUID project = newProject();
        database().conversations().create(project, NewConversation.empty().withTags("a", "b"));
        database().conversations().create(project, NewConversation.empty().withTags("B"));

        assertThat(database().conversations().tags(project))
                .containsExactly(new TagCount("a", 1), new TagCount("b", 2));
    }

    private List<UUID> ids(UUID project, ConversationFilter filter) {
        return database().conversations().list(project, filter).items().stream()
                .map(Conversation::id)
                .toList();
    }
}
