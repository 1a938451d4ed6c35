package dev.colloquy.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.Inputs.ConversationInput;
import dev.colloquy.app.http.Inputs.MessagesInput;
import dev.colloquy.app.http.Views.ConversationView;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.MessageView;
import dev.colloquy.app.http.Views.PageView;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Conversations and their messages, within the caller's project. */
@Path("/v1/conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Database database;

    @Inject
    ServerSettings settings;

    @Inject
    IdempotentWrites writes;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    /** A conversation's entity tag: its version, which moves with every change of it or its messages. */
    private static EntityTag tag(Conversation conversation) {
        return new EntityTag(Long.toString(conversation.version()));
    }

    /** For a read: 304 when {@code If-None-Match} names the tag; a 412 problem when {@code If-Match} does not. */
    private Response preconditions(EntityTag current) {
        var answer = request.evaluatePreconditions(current);
        if (answer == null) {
            return null;
        }
        Response built = answer.tag(current).build();
        if (built.getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            throw new ApiException(
                    Problem.PRECONDITION_FAILED, "the conversation's ETag is " + current + ", not what If-Match names");
        }
        return built;
    }

    /**
     * Runs a change of one conversation; with {@code If-Match} (or {@code If-None-Match}), only
     * if the conversation still has the entity tag the client named, checked and changed in one
     * transaction with the conversation locked. Otherwise 412, and nothing changes.
     */
    private <T> T guarded(UUID project, UUID conversation, Supplier<T> change) {
        if (headers.getHeaderString(HttpHeaders.IF_MATCH) == null
                && headers.getHeaderString(HttpHeaders.IF_NONE_MATCH) == null) {
            return change.get();
        }
        return database.atomically(() -> {
            EntityTag current = tag(database.conversations().lock(project, conversation));
            if (request.evaluatePreconditions(current) != null) {
                throw new ApiException(
                        Problem.PRECONDITION_FAILED,
                        "the conversation's ETag is now " + current + ", not what If-Match (or If-None-Match) names:"
                                + " it changed since it was read; nothing was changed");
            }
            return change.get();
        });
    }

    private UUID project() {
        return Caller.of(security).projectId();
    }

    private static UUID id(String raw) {
        return Ids.parse("id", raw);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(IdempotentWrites.HEADER) String key, ConversationInput input) {
        UUID project = project();
        if (input == null) {
            throw new ApiException(
                    Problem.VALIDATION, "send a JSON object as the body: {} for an untitled conversation");
        }
        var conversation = new NewConversation(
                Optional.ofNullable(input.title()),
                Metadata.of("metadata", input.metadata()),
                input.tags() == null ? List.of() : input.tags());
        return writes.write(
                Caller.of(security),
                key,
                "POST /v1/conversations",
                input,
                () -> database.conversations().create(project, conversation),
                created -> new IdempotentWrites.Reply(
                        created.id(),
                        Response.Status.CREATED,
                        Locations.of(uri, "v1/conversations", created.id()),
                        ConversationView.of(created)));
    }

    /**
     * A page of conversations. When there is a next page, {@code Link: <...>; rel="next"} points
     * at it as well as {@code nextCursor}: the same request with the next cursor, a reference
     * relative to this server (never built from the Host header).
     */
    @GET
    public Response list() {
        UUID project = project();
        var params = Params.of(uri, Set.of("limit", "cursor", "tag", "updatedSince"), true);
        var filter = new ConversationFilter(
                params.text("tag"),
                Map.of(),
                params.instant("updatedSince"),
                params.pageSize("limit", settings.limits()),
                params.text("cursor"));
        for (var entry : params.metadataFilters().entrySet()) {
            filter = filter.withMetadata(entry.getKey(), entry.getValue());
        }
        var page = database.conversations().list(project, filter);
        var view = new PageView<>(
                page.items().stream().map(ConversationView::of).toList(),
                page.nextCursor().orElse(null));
        var response = Response.ok(view);
        page.nextCursor().ifPresent(cursor -> {
            var next = uri.getRequestUriBuilder()
                    .replaceQueryParam("cursor", cursor)
                    .build();
            response.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        });
        return response.build();
    }

    /** The conversation with its {@code ETag}; {@code If-None-Match} naming it answers 304. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UUID project = project();
        var conversation = database.conversations().get(project, id(id));
        EntityTag tag = tag(conversation);
        var unchanged = preconditions(tag);
        if (unchanged != null) {
            return unchanged;
        }
        return Response.ok(ConversationView.of(conversation)).tag(tag).build();
    }

    /** JSON merge patch (RFC 7396) of title, metadata and tags. */
    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Response patch(@PathParam("id") String id, JsonNode patch) {
        UUID project = project();
        UUID conversation = id(id);
        if (patch == null || !patch.isObject()) {
            throw new ApiException(Problem.VALIDATION, "a merge patch must be a JSON object");
        }
        var changes = ConversationPatch.none();
        var names = patch.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = patch.get(name);
            switch (name) {
                case "title" -> {
                    if (!value.isNull() && !value.isTextual()) {
                        throw new ApiException(Problem.VALIDATION, "'title' must be a string or null", "title");
                    }
                    changes = changes.title(value.isNull() ? Optional.empty() : Optional.of(value.textValue()));
                }
                case "metadata" -> {
                    if (!value.isNull() && !value.isObject()) {
                        throw new ApiException(Problem.VALIDATION, "'metadata' must be an object or null", "metadata");
                    }
                    changes = changes.mergeMetadata(value);
                }
                case "tags" -> changes = changes.tags(tags(value));
                default ->
                    throw new ApiException(
                            Problem.VALIDATION,
                            "unknown field '" + name + "'; a patch may change title, metadata and tags",
                            name);
            }
        }
        var change = changes;
        Conversation updated =
                guarded(project, conversation, () -> database.conversations().update(project, conversation, change));
        return Response.ok(ConversationView.of(updated)).tag(tag(updated)).build();
    }

    private static List<String> tags(JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(Problem.VALIDATION, "'tags' must be an array of strings or null", "tags");
        }
        var tags = new ArrayList<String>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new ApiException(Problem.VALIDATION, "'tags[" + i + "]' must be a string", "tags[" + i + "]");
            }
            tags.add(value.get(i).textValue());
        }
        return tags;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        UUID project = project();
        UUID conversation = id(id);
        guarded(project, conversation, () -> {
            database.conversations().delete(project, conversation);
            return null;
        });
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response append(
            @PathParam("id") String id, @HeaderParam(IdempotentWrites.HEADER) String key, MessagesInput input) {
        UUID project = project();
        UUID conversation = id(id);
        var messages = messages(input);
        return writes.write(
                Caller.of(security),
                key,
                "POST /v1/conversations/" + conversation + "/messages",
                input,
                () -> guarded(project, conversation, () -> database.messages().append(project, conversation, messages)),
                stored -> new IdempotentWrites.Reply(
                        conversation,
                        Response.Status.CREATED,
                        null,
                        new Items<>(stored.stream().map(MessageView::of).toList())));
    }

    @PUT
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(
            @PathParam("id") String id, @HeaderParam(IdempotentWrites.HEADER) String key, MessagesInput input) {
        UUID project = project();
        UUID conversation = id(id);
        var messages = messages(input);
        return writes.write(
                Caller.of(security),
                key,
                "PUT /v1/conversations/" + conversation + "/messages",
                input,
                () -> guarded(
                        project, conversation, () -> database.messages().replace(project, conversation, messages)),
                stored -> new IdempotentWrites.Reply(
                        conversation,
                        Response.Status.OK,
                        null,
                        new Items<>(stored.stream().map(MessageView::of).toList())));
    }

    /**
     * The messages as sent, each with its metadata read as JSON. The store checks them once (how
     * many, roles, content, metadata), for every caller alike; a missing list or message reaches it
     * as {@code null}.
     */
    private static List<NewMessage> messages(MessagesInput input) {
        if (input == null || input.messages() == null) {
            return null;
        }
        var messages = new ArrayList<NewMessage>(input.messages().size());
        for (int i = 0; i < input.messages().size(); i++) {
            var message = input.messages().get(i);
            messages.add(
                    message == null
                            ? null
                            : new NewMessage(
                                    message.role(),
                                    message.content(),
                                    Metadata.of("messages[" + i + "].metadata", message.metadata())));
        }
        return messages;
    }

    /**
     * A window of the history, with the conversation's {@code ETag} (the same URL shows the same
     * messages while it stands); {@code If-None-Match} naming it answers 304.
     */
    @GET
    @Path("{id}/messages")
    public Response history(@PathParam("id") String id) {
        UUID project = project();
        UUID conversation = id(id);
        var params = Params.of(uri, Set.of("last", "after", "before", "limit", "since", "until"));
        var range = new TimeRange(params.instant("since"), params.instant("until"));
        int last = params.pageSize("last", settings.limits());
        var after = params.integer("after");
        var before = params.integer("before");
        int limit = params.pageSize("limit", settings.limits());
        int windows = (last > 0 ? 1 : 0) + (after.isPresent() ? 1 : 0) + (before.isPresent() ? 1 : 0);
        if (windows > 1) {
            throw new ApiException(Problem.VALIDATION, "give one of 'last', 'after' and 'before'");
        }
        if (last > 0 && limit > 0) {
            throw new ApiException(
                    Problem.VALIDATION, "'limit' goes with 'after' or 'before', not with 'last'", "limit");
        }
        History window;
        if (after.isPresent()) {
            window = History.after(after.get(), limit);
        } else if (before.isPresent()) {
            window = History.before(before.get(), limit);
        } else if (last > 0) {
            window = History.last(last);
        } else {
            window = History.last(limit > 0 ? limit : settings.limits().defaultPageSize());
        }
        // The tag and the page from one read, so that the tag names exactly the page it answers.
        return database.reading(() -> {
            EntityTag tag = tag(database.conversations().get(project, conversation));
            var unchanged = preconditions(tag);
            if (unchanged != null) {
                return unchanged;
            }
            var page = new Items<>(database.messages().history(project, conversation, window, range).stream()
                    .map(MessageView::of)
                    .toList());
            return Response.ok(page).tag(tag).build();
        });
    }
}
