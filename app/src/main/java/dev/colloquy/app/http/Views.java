package dev.colloquy.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.TagCount;
import dev.colloquy.message.ContentPart;
import dev.colloquy.message.Message;
import dev.colloquy.message.ToolCall;
import dev.colloquy.message.ToolResult;
import dev.colloquy.project.Project;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchResults;
import dev.colloquy.token.ApiToken;
import dev.colloquy.token.IssuedToken;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The JSON shapes the API answers with. */
public final class Views {

    private Views() {}

    public record Items<T>(List<T> items) {}

    public record PageView<T>(List<T> items, String nextCursor) {}

    public record ConversationView(
            UUID id,
            String key,
            String title,
            JsonNode metadata,
            List<String> tags,
            int messageCount,
            Instant createdAt,
            Instant updatedAt) {
        static ConversationView of(Conversation c) {
            return new ConversationView(
                    c.id(),
                    c.key().orElse(null),
                    c.title().orElse(null),
                    c.metadata().tree(),
                    List.copyOf(c.tags()),
                    c.messageCount(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    /** A message; name, parts, tool calls and tool results appear only when it has them. */
    public record MessageView(
            UUID id,
            UUID conversationId,
            int seq,
            String role,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name,
            String content,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ContentPart> parts,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolResult> toolResults,
            JsonNode metadata,
            Instant createdAt) {
        static MessageView of(Message m) {
            return new MessageView(
                    m.id(),
                    m.conversationId(),
                    m.seq(),
                    m.role().wireName(),
                    m.extras().name(),
                    m.content(),
                    m.extras().parts(),
                    m.extras().toolCalls(),
                    m.extras().toolResults(),
                    m.metadata().tree(),
                    m.createdAt());
        }
    }

    public record SearchHitView(
            String kind,
            UUID conversationId,
            UUID messageId,
            Integer seq,
            String role,
            String snippet,
            Instant createdAt,
            double score,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double similarity) {
        static SearchHitView of(SearchHit h) {
            return new SearchHitView(
                    h.kind().name().toLowerCase(Locale.ROOT),
                    h.conversationId(),
                    h.messageId().orElse(null),
                    h.seq().orElse(null),
                    h.role().map(r -> r.wireName()).orElse(null),
                    h.snippet(),
                    h.createdAt(),
                    h.score(),
                    h.similarity().isPresent() ? h.similarity().getAsDouble() : null);
        }
    }

    /** The hits of a search, and whether only the newest matches were ranked. */
    public record SearchResultsView(List<SearchHitView> items, boolean capped) {
        static SearchResultsView of(SearchResults results) {
            return new SearchResultsView(
                    results.hits().stream().map(SearchHitView::of).toList(), results.capped());
        }
    }

    public record TagView(String name, long conversations) {
        static TagView of(TagCount t) {
            return new TagView(t.name(), t.conversations());
        }
    }

    public record ProjectView(UUID id, String name, Instant createdAt, boolean semanticSearch) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id(), p.name(), p.createdAt(), p.semanticSearch());
        }
    }

    /** A token as listed: never its secret. */
    public record TokenView(
            UUID id,
            UUID projectId,
            String name,
            boolean admin,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(
                    t.id(),
                    t.projectId(),
                    t.name(),
                    t.admin(),
                    t.createdAt(),
                    t.expiresAt().orElse(null),
                    t.revokedAt().orElse(null),
                    t.lastUsedAt().orElse(null));
        }
    }

    /** A token as issued: the listed fields and, in this answer only, its secret. */
    public record IssuedTokenView(@JsonUnwrapped TokenView token, String secret) {
        static IssuedTokenView of(IssuedToken issued) {
            return new IssuedTokenView(TokenView.of(issued.token()), issued.secret());
        }
    }
}
