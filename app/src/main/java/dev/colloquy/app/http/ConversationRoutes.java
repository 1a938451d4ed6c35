package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.MessageView;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.message.History;
import dev.colloquy.persistence.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the routes of conversations share, by id and by key: the services, the request, entity
 * tags and preconditions, and reading a window of a conversation's history.
 */
abstract class ConversationRoutes {

    @Inject
    Database database;

    @Inject
    ServerSettings settings;

    @Inject
    IdempotentWrites writes;

    @Inject
    ServiceMetrics metrics;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    /** A conversation's entity tag: its version, which moves with every change of it or its messages. */
    static EntityTag tag(Conversation conversation) {
        return new EntityTag(Long.toString(conversation.version()));
    }

    /** For a read: 304 when {@code If-None-Match} names the tag; a 412 problem when {@code If-Match} does not. */
    Response preconditions(EntityTag current) {
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
    /** The conversation with its {@code ETag}; {@code If-None-Match} naming it answers 304. */
    Response tagged(Conversation conversation) {
        EntityTag tag = tag(conversation);
        var unchanged = preconditions(tag);
        if (unchanged != null) {
            return unchanged;
        }
        return Response.ok(Views.ConversationView.of(conversation)).tag(tag).build();
    }

    /**
     * A page of conversations. When there is a next page, {@code Link: <...>; rel="next"} points
     * at it as well as {@code nextCursor}: the same request with the next cursor, a reference
     * relative to this server (never built from the Host header).
     */
    Response page(dev.colloquy.domain.Page<Conversation> page) {
        var response = Response.ok(new Views.PageView<>(
                page.items().stream().map(Views.ConversationView::of).toList(),
                page.nextCursor().orElse(null)));
        page.nextCursor().ifPresent(cursor -> {
            var next = uri.getRequestUriBuilder()
                    .replaceQueryParam("cursor", cursor)
                    .build();
            response.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        });
        return response.build();
    }

    /** Whether the request names an entity tag its change depends on. */
    boolean hasPreconditions() {
        return headers.getHeaderString(HttpHeaders.IF_MATCH) != null
                || headers.getHeaderString(HttpHeaders.IF_NONE_MATCH) != null;
    }

    <T> T guarded(UUID project, UUID conversation, Supplier<T> change) {
        if (!hasPreconditions()) {
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

    UUID project() {
        return Caller.of(security).projectId();
    }

    /**
     * A window of a conversation's history as the query asks for it, with the conversation's
     * {@code ETag}: the conversation (which may be not found) and its page from one read, so that
     * the tag names exactly the page it answers.
     */
    Response history(Supplier<Conversation> conversation) {
        UUID project = project();
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
        return database.reading(() -> {
            Conversation current = conversation.get();
            EntityTag tag = tag(current);
            var unchanged = preconditions(tag);
            if (unchanged != null) {
                return unchanged;
            }
            var page = new Items<>(database.messages().history(project, current.id(), window, range).stream()
                    .map(MessageView::of)
                    .toList());
            return Response.ok(page).tag(tag).build();
        });
    }
}
