package dev.colloquy.app.http;

import dev.colloquy.app.http.Inputs.MessagesInput;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.MessageView;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.message.Message;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Conversations addressed by the client's own key, within the caller's project: the first write
 * of an unknown key creates its conversation (one, however many writers race), reads of an unknown
 * key are not found, and deleting one is idempotent.
 */
@Path("/v1/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KeyedConversationResource extends ConversationRoutes {

    /**
     * The key from the path. A raw {@code ;} would start matrix parameters, which the path's key
     * silently loses ({@code a;b} would name {@code a}), so it is refused: a key holds no {@code ;},
     * and one sent encoded ({@code %3B}) is refused by the key's rules.
     */
    private String key(String key) {
        if (uri.getRequestUri().getRawPath().indexOf(';') >= 0) {
            throw new ApiException(
                    Problem.VALIDATION,
                    "a key's path holds a ';', which no key may hold; ';' would start matrix parameters",
                    "key");
        }
        return key;
    }

    /** The project's keyed conversations, in the byte order of their keys, a page at a time. */
    @GET
    public Response list() {
        UUID project = project();
        var params = Params.of(uri, Set.of("limit", "cursor"));
        return page(database.conversations()
                .keyed(project, params.text("cursor"), params.pageSize("limit", settings.limits())));
    }

    /** The conversation with the key, with its {@code ETag}; {@code If-None-Match} naming it answers 304. */
    @GET
    @Path("{key}")
    public Response get(@PathParam("key") String key) {
        return tagged(database.conversations().getByKey(project(), key(key)));
    }

    /** Deletes the conversation with the key and its messages: 204 whether or not it existed. */
    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("key") String raw) {
        UUID project = project();
        String key = key(raw);
        database.atomically(() -> {
            if (hasPreconditions()) {
                var conversation = database.conversations().getByKey(project, key);
                return guarded(
                        project,
                        conversation.id(),
                        () -> database.conversations().deleteByKey(project, key));
            }
            return database.conversations().deleteByKey(project, key);
        });
        return Response.noContent().build();
    }

    /** A window of the history of the conversation with the key, as {@code GET /v1/conversations/{id}/messages}. */
    @GET
    @Path("{key}/messages")
    public Response history(@PathParam("key") String raw) {
        UUID project = project();
        String key = key(raw);
        return history(() -> database.conversations().getByKey(project, key));
    }

    /** Appends messages to the conversation with the key, creating it first if none has the key. */
    @POST
    @Path("{key}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response append(
            @PathParam("key") String key,
            @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
            MessagesInput input) {
        return write(
                key,
                idempotencyKey,
                input,
                "POST",
                Response.Status.CREATED,
                (project, conversation) -> metrics.timeAppend(
                        () -> database.messages().append(project, conversation, ConversationResource.messages(input))));
    }

    /**
     * Replaces all messages of the conversation with the key (an empty list clears it), creating it
     * first if none has the key: one atomic change.
     */
    @PUT
    @Path("{key}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(
            @PathParam("key") String key,
            @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
            MessagesInput input) {
        return write(
                key,
                idempotencyKey,
                input,
                "PUT",
                Response.Status.OK,
                (project, conversation) ->
                        database.messages().replace(project, conversation, ConversationResource.messages(input)));
    }

    private record Written(UUID conversationId, List<Message> messages) {}

    private Response write(
            String key,
            String idempotencyKey,
            MessagesInput input,
            String method,
            Response.Status status,
            BiFunction<UUID, UUID, List<Message>> change) {
        UUID project = project();
        key(key);
        return writes.write(
                Caller.of(security),
                idempotencyKey,
                method + " /v1/keys/" + key + "/messages",
                input,
                // One unit of work: messages the store refuses leave no conversation behind.
                () -> database.atomically(() -> {
                    Conversation conversation = database.conversations().ensureKey(project, key);
                    return new Written(
                            conversation.id(),
                            guarded(project, conversation.id(), () -> change.apply(project, conversation.id())));
                }),
                written -> new IdempotentWrites.Reply(
                        written.conversationId(),
                        status,
                        null,
                        new Items<>(
                                written.messages().stream().map(MessageView::of).toList())));
    }
}
