package dev.colloquy.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.app.http.Inputs.ConversationInput;
import dev.colloquy.app.http.Inputs.MessagesInput;
import dev.colloquy.app.http.Views.ConversationView;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.MessageView;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.Metadata;
import dev.colloquy.message.MessageExtras;
import dev.colloquy.message.NewMessage;
import jakarta.enterprise.context.RequestScoped;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Conversations and their messages, within the caller's project. */
@Path("/v1/conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource extends ConversationRoutes {

    static final String MERGE_PATCH = "application/merge-patch+json";

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
                Optional.ofNullable(input.key()),
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

    /** A page of conversations, with a {@code Link} to the next one (see {@link #page}). */
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
        return page(database.conversations().list(project, filter));
    }

    /** The conversation with its {@code ETag}; {@code If-None-Match} naming it answers 304. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UUID project = project();
        return tagged(database.conversations().get(project, id(id)));
    }

    /** JSON merge patch (RFC 7396) of key, title, metadata and tags. */
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
                case "key" -> {
                    if (!value.isNull() && !value.isTextual()) {
                        throw new ApiException(Problem.VALIDATION, "'key' must be a string or null", "key");
                    }
                    changes = changes.key(value.isNull() ? Optional.empty() : Optional.of(value.textValue()));
                }
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
                            "unknown field '" + name + "'; a patch may change key, title, metadata and tags",
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
                () -> guarded(
                        project,
                        conversation,
                        () -> metrics.timeAppend(() -> database.messages().append(project, conversation, messages))),
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
    static List<NewMessage> messages(MessagesInput input) {
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
                                    Metadata.of("messages[" + i + "].metadata", message.metadata()),
                                    new MessageExtras(
                                            message.name(),
                                            message.parts(),
                                            message.toolCalls(),
                                            message.toolResults())));
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
        return history(() -> database.conversations().get(project, conversation));
    }
}
