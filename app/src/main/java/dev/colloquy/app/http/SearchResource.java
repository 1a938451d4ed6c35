package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.SearchResultsView;
import dev.colloquy.app.http.Views.TagView;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/** Search (by words, by meaning, or both) and the tag list, within the caller's project. */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    Database database;

    @Inject
    ServiceMetrics metrics;

    @Inject
    ServerSettings settings;

    @Inject
    SemanticSearch semantic;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    @Path("search")
    public SearchResultsView search() {
        var project = Caller.of(security).projectId();
        var params =
                Params.of(uri, Set.of("q", "mode", "limit", "tag", "role", "conversationId", "since", "until"), true);
        var request = new SearchRequest(
                params.text("q").orElse(""),
                params.pageSize("limit", settings.limits()),
                params.text("tag"),
                params.text("role").map(role -> Role.parse("role", role)),
                params.id("conversationId"),
                new TimeRange(params.instant("since"), params.instant("until")),
                params.metadataFilters());
        return SearchResultsView.of(
                Searches.run(database, semantic, metrics, project, request, params.text("mode"), "mode", "q"));
    }

    @GET
    @Path("tags")
    public Items<TagView> tags() {
        var project = Caller.of(security).projectId();
        Params.of(uri, Set.of());
        return new Items<>(
                database.conversations().tags(project).stream().map(TagView::of).toList());
    }
}
