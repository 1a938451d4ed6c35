package dev.colloquy.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.app.http.Inputs.ProjectInput;
import dev.colloquy.app.http.Inputs.TokenInput;
import dev.colloquy.app.http.Views.IssuedTokenView;
import dev.colloquy.app.http.Views.Items;
import dev.colloquy.app.http.Views.ProjectView;
import dev.colloquy.app.http.Views.TokenView;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;

/** Projects and tokens: admin tokens only. */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Database database;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Path("projects")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createProject(ProjectInput input) {
        Caller.admin(security);
        var project = database.projects()
                .create(
                        input == null ? null : input.name(),
                        input == null || input.semanticSearch() == null || input.semanticSearch());
        return Response.created(Locations.of(uri, "v1/projects", project.id()))
                .entity(ProjectView.of(project))
                .build();
    }

    @GET
    @Path("projects")
    public Items<ProjectView> projects() {
        Caller.admin(security);
        return new Items<>(
                database.projects().list().stream().map(ProjectView::of).toList());
    }

    /**
     * Changes a project's settings, given as a JSON merge patch; today one: {@code semanticSearch}
     * (true or false), whether its messages are embedded and searched by meaning.
     */
    @PATCH
    @Path("projects/{id}")
    @Consumes({ConversationResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public ProjectView patchProject(@PathParam("id") String id, JsonNode patch) {
        Caller.admin(security);
        UUID project = Ids.parse("id", id);
        if (patch == null || !patch.isObject()) {
            throw new ApiException(Problem.VALIDATION, "a merge patch must be a JSON object");
        }
        Optional<Boolean> semanticSearch = Optional.empty();
        for (var names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = patch.get(name);
            if (!name.equals("semanticSearch")) {
                throw new ApiException(
                        Problem.VALIDATION,
                        "unknown field '" + name + "'; a project's patch may change semanticSearch",
                        name);
            }
            if (!value.isBoolean()) {
                throw new ApiException(Problem.VALIDATION, "'semanticSearch' must be true or false", name);
            }
            semanticSearch = Optional.of(value.booleanValue());
        }
        var changed = semanticSearch.isPresent()
                ? database.projects().semanticSearch(project, semanticSearch.get())
                : database.projects()
                        .find(project)
                        .orElseThrow(() -> new NotFoundException("no project with id " + id));
        return ProjectView.of(changed);
    }

    @DELETE
    @Path("projects/{id}")
    public Response deleteProject(@PathParam("id") String id) {
        Caller caller = Caller.admin(security);
        UUID project = Ids.parse("id", id);
        if (project.equals(caller.projectId())) {
            throw new ConflictException("a token cannot delete its own project; use an admin token of another project");
        }
        database.projects().delete(project);
        return Response.noContent().build();
    }

    @POST
    @Path("projects/{id}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issueToken(@PathParam("id") String id, TokenInput input) {
        Caller.admin(security);
        UUID project = Ids.parse("id", id);
        var body = input == null ? new TokenInput(null, null, null) : input;
        var issued = database.tokens()
                .issue(project, body.name(), Boolean.TRUE.equals(body.admin()), Optional.ofNullable(body.expiresAt()));
        return Response.created(Locations.of(uri, "v1/tokens", issued.token().id()))
                .entity(IssuedTokenView.of(issued))
                .build();
    }

    @GET
    @Path("projects/{id}/tokens")
    public Items<TokenView> tokens(@PathParam("id") String id) {
        Caller.admin(security);
        UUID project = Ids.parse("id", id);
        if (database.projects().find(project).isEmpty()) {
            throw new NotFoundException("no project with id " + project);
        }
        return new Items<>(
                database.tokens().list(project).stream().map(TokenView::of).toList());
    }

    @DELETE
    @Path("tokens/{id}")
    public Response revokeToken(@PathParam("id") String id) {
        Caller.admin(security);
        database.tokens().revoke(Ids.parse("id", id));
        return Response.noContent().build();
    }
}
