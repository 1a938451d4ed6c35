package dev.colloquy.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.Views.ConversationView;
import dev.colloquy.app.http.Views.MessageView;
import dev.colloquy.app.http.Views.SearchResultsView;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Page;
import dev.colloquy.client.SearchMode;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.SearchResults;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.domain.UnavailableException;
import dev.colloquy.mcp.Memory;
import dev.colloquy.mcp.MemoryException;
import dev.colloquy.message.History;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The memory the {@code /mcp} tools work on inside the server: the caller's project through the
 * stores, with the REST API's rules (the same store calls, the same limits, the same units of
 * work), answered in the Java client's types as the REST API's JSON would be read by it.
 */
final class StoreMemory implements Memory {

    private static final ObjectMapper CLIENT_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Database database;
    private final ServerSettings settings;
    private final ServiceMetrics metrics;
    private final UUID project;
    private final SemanticSearch semantic;

    StoreMemory(
            Database database, ServerSettings settings, ServiceMetrics metrics, SemanticSearch semantic, UUID project) {
        this.database = database;
        this.semantic = semantic;
        this.settings = settings;
        this.metrics = metrics;
        this.project = project;
    }

    @Override
    public SearchResults search(SearchQuery query) {
        return guard(() -> {
            var request = new SearchRequest(
                    query.q(),
                    settings.limits().requirePageSize("limit", query.limit()),
                    Optional.ofNullable(query.tag()),
                    Optional.ofNullable(query.role()).map(role -> Role.parse("role", role.wireName())),
                    Optional.ofNullable(query.conversationId()),
                    new TimeRange(Optional.ofNullable(query.since()), Optional.ofNullable(query.until())),
                    query.metadata());
            var results = Searches.run(
                    database,
                    semantic,
                    metrics,
                    project,
                    request,
                    Optional.ofNullable(query.mode()).map(SearchMode::wireName),
                    "mode",
                    "query");
            return convert(SearchResultsView.of(results), SearchResults.class);
        });
    }

    @Override
    public Optional<Conversation> conversationByKey(String key) {
        return guard(() -> found(() -> database.conversations().getByKey(project, key)));
    }

    @Override
    public Optional<Conversation> conversation(UUID id) {
        return guard(() -> found(() -> database.conversations().get(project, id)));
    }

    private Optional<Conversation> found(Supplier<dev.colloquy.conversation.Conversation> read) {
        try {
            return Optional.of(convert(ConversationView.of(read.get()), Conversation.class));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Message> lastMessages(UUID conversationId, int last) {
        return guard(() -> database.reading(
                () -> database.messages().history(project, conversationId, History.last(last), TimeRange.ALL).stream()
                        .map(m -> convert(MessageView.of(m), Message.class))
                        .toList()));
    }

    @Override
    public List<Message> appendByKey(String key, List<NewMessage> messages) {
        var input = convert(new ClientMessages(messages), Inputs.MessagesInput.class);
        return guard(() -> {
            // one unit of work, as POST /v1/keys/{key}/messages: refused messages leave no conversation
            var stored = metrics.timeAppend(() -> database.atomically(() -> {
                var conversation = database.conversations().ensureKey(project, key);
                return database.messages().append(project, conversation.id(), ConversationResource.messages(input));
            }));
            return stored.stream()
                    .map(m -> convert(MessageView.of(m), Message.class))
                    .toList();
        });
    }

    /** The client's messages as a POST body would carry them. */
    private record ClientMessages(List<NewMessage> messages) {}

    @Override
    public Page<Conversation> conversations(ConversationQuery query, String cursor) {
        return guard(() -> {
            var filter = new ConversationFilter(
                    Optional.ofNullable(query.tag()),
                    java.util.Map.of(),
                    Optional.ofNullable(query.updatedSince()),
                    settings.limits().requirePageSize("limit", query.limit()),
                    Optional.ofNullable(cursor));
            for (var entry : query.metadata().entrySet()) {
                filter = filter.withMetadata(entry.getKey(), entry.getValue());
            }
            var page = database.conversations().list(project, filter);
            return new Page<>(
                    page.items().stream()
                            .map(c -> convert(ConversationView.of(c), Conversation.class))
                            .toList(),
                    page.nextCursor());
        });
    }

    private static <T> T convert(Object view, Class<T> type) {
        return CLIENT_JSON.convertValue(Json.MAPPER.valueToTree(view), type);
    }

    private static MemoryException problem(Problem problem, RuntimeException e) {
        return new MemoryException(problem.status(), problem.title(), e.getMessage());
    }

    /** The REST API's answer to the domain's refusals, as the tools report them. */
    private static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidInputException e) {
            throw problem(Problem.VALIDATION, e);
        } catch (NotFoundException e) {
            throw problem(Problem.NOT_FOUND, e);
        } catch (ConflictException e) {
            throw problem(Problem.CONFLICT, e);
        } catch (UnavailableException e) {
            throw problem(Problem.UNAVAILABLE, e);
        }
    }
}
