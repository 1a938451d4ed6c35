package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.generated.ApiClient;
import dev.colloquy.generated.ApiException;
import dev.colloquy.generated.api.ConversationsApi;
import dev.colloquy.generated.api.HealthApi;
import dev.colloquy.generated.api.MessagesApi;
import dev.colloquy.generated.api.MetaApi;
import dev.colloquy.generated.api.ProjectsApi;
import dev.colloquy.generated.api.SearchApi;
import dev.colloquy.generated.api.TokensApi;
import dev.colloquy.generated.model.AppendMessages;
import dev.colloquy.generated.model.ConversationCreate;
import dev.colloquy.generated.model.ConversationPatch;
import dev.colloquy.generated.model.NewMessage;
import dev.colloquy.generated.model.ProjectCreate;
import dev.colloquy.generated.model.ReplaceMessages;
import dev.colloquy.generated.model.TokenCreate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every route, driven by the Java client OpenAPI Generator ({@code java}, library {@code native})
 * makes from the served document at build time, used as its README says: a base URI and a request
 * interceptor that adds the bearer token. No route needs a hand-written call.
 */
public interface GeneratedClientContract extends ServerContract {

    private ApiClient client(String token) {
        var client = new ApiClient();
        client.updateBaseUri(server().api().base().toString().replaceAll("/$", ""));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    default void aGeneratedClientUsesEveryRouteWithoutHandWrittenParts() throws Exception {
        var admin = client(server().adminToken());

        // health and the document, without a token
        var anonymous = client(null);
        assertThat(new HealthApi(anonymous).live().getStatus().getValue()).isEqualTo("UP");
        assertThat(new HealthApi(anonymous).ready().getStatus().getValue()).isEqualTo("UP");
        assertThat(new MetaApi(anonymous).getOpenApiDocument()).containsEntry("openapi", "3.0.3");

        // projects and tokens
        var projects = new ProjectsApi(admin);
        var project = projects.createProject(new ProjectCreate().name("generated-" + UUID.randomUUID()));
        assertThat(projects.listProjects().getItems())
                .extracting(p -> p.getId())
                .contains(project.getId());
        var tokens = new TokensApi(admin);
        var issued = tokens.issueToken(project.getId(), new TokenCreate().name("generated client"));
        assertThat(issued.getSecret()).startsWith("cq_");
        assertThat(tokens.listTokens(project.getId()).getItems())
                .singleElement()
                .satisfies(token -> assertThat(token.getName()).isEqualTo("generated client"));
        var user = client(issued.getSecret());

        // conversations
        var conversations = new ConversationsApi(user);
        var create = new ConversationCreate()
                .title("generated")
                .metadata(Map.of("channel", "client", "n", 1))
                .tags(List.of("Gen"));
        String key = UUID.randomUUID().toString();
        var created = conversations.createConversation(create, key);
        assertThat(created.getTags()).containsExactly("gen");
        assertThat(conversations.createConversation(create, key).getId())
                .as("a retry with the same Idempotency-Key answers the first conversation")
                .isEqualTo(created.getId());
        var other = conversations.createConversation(new ConversationCreate(), null);
        assertThat(other.getTitle()).isNull();
        assertThat(conversations.getConversation(created.getId()).getTitle()).isEqualTo("generated");
        var filtered = conversations.listConversations(null, null, null, null, List.of("channel=client", "n=1"));
        assertThat(filtered.getItems()).extracting(c -> c.getId()).containsExactly(created.getId());
        var firstPage = conversations.listConversations(1, null, null, null, null);
        assertThat(firstPage.getItems()).hasSize(1);
        assertThat(conversations
                        .listConversations(1, firstPage.getNextCursor(), null, null, null)
                        .getItems())
                .hasSize(1)
                .doesNotContainAnyElementsOf(firstPage.getItems());
        var renamed = conversations.updateConversation(created.getId(), new ConversationPatch().title("renamed"));
        assertThat(renamed.getTitle()).isEqualTo("renamed");
        assertThat(renamed.getTags())
                .as("fields left out of a merge patch stay")
                .containsExactly("gen");
        assertThat(conversations.listTags().getItems()).singleElement().satisfies(tag -> {
            assertThat(tag.getName()).isEqualTo("gen");
            assertThat(tag.getConversations()).isEqualTo(1L);
        });

        // messages
        var messages = new MessagesApi(user);
        var append = new AppendMessages()
                .messages(List.of(
                        new NewMessage().role(NewMessage.RoleEnum.USER).content("where is the walrus"),
                        new NewMessage()
                                .role(NewMessage.RoleEnum.ASSISTANT)
                                .content("")
                                .metadata(Map.of("toolCalls", 1))));
        String appendKey = UUID.randomUUID().toString();
        var appended = messages.appendMessages(created.getId(), append, appendKey);
        assertThat(appended.getItems()).extracting(m -> m.getSeq()).containsExactly(1, 2);
        assertThat(messages.appendMessages(created.getId(), append, appendKey))
                .as("a retried append answers the first one and stores nothing")
                .isEqualTo(appended);
        assertThat(messages.listMessages(created.getId(), 1, null, null, null, null, null)
                        .getItems())
                .extracting(m -> m.getSeq())
                .containsExactly(2);
        assertThat(messages.listMessages(created.getId(), null, 0, null, 10, null, null)
                        .getItems())
                .hasSize(2);
        assertThat(messages.listMessages(created.getId(), null, null, 2, 10, null, null)
                        .getItems())
                .extracting(m -> m.getContent())
                .containsExactly("where is the walrus");
        var replaced = messages.replaceMessages(
                other.getId(),
                new ReplaceMessages()
                        .messages(List.of(new NewMessage()
                                .role(NewMessage.RoleEnum.SYSTEM)
                                .content("be brief"))),
                null);
        assertThat(replaced.getItems()).extracting(m -> m.getSeq()).containsExactly(1);
        assertThat(messages.replaceMessages(other.getId(), new ReplaceMessages().messages(List.of()), null)
                        .getItems())
                .isEmpty();

        // search
        var hits = new SearchApi(user).search("walrus", 5, null, "user", created.getId(), null, null, null, "keyword");
        assertThat(hits.getItems()).singleElement().satisfies(hit -> {
            assertThat(hit.getConversationId()).isEqualTo(created.getId());
            assertThat(hit.getSeq()).isEqualTo(1);
            assertThat(hit.getScore()).isPositive();
        });
        assertThat(hits.getCapped()).isFalse();
        var longAgo = OffsetDateTime.parse("2000-01-01T00:00:00Z");
        assertThat(new SearchApi(user)
                        .search("walrus", 5, null, null, null, longAgo, null, List.of("channel=nowhere"), null)
                        .getItems())
                .isEmpty();
        assertThat(new SearchApi(user)
                        .search("walrus", 5, null, null, null, null, longAgo, null, null)
                        .getItems())
                .isEmpty();
        assertThat(messages.listMessages(created.getId(), 10, null, null, null, longAgo, null)
                        .getItems())
                .hasSize(2);

        // deletes (the generated client sends Accept: application/problem+json on them)
        conversations.deleteConversation(other.getId());
        assertThatThrownBy(() -> conversations.getConversation(other.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("urn:colloquy:problem:not-found");
                });
        tokens.revokeToken(issued.getId());
        assertThatThrownBy(() -> conversations.getConversation(created.getId()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        projects.deleteProject(project.getId());
        assertThat(projects.listProjects().getItems())
                .extracting(p -> p.getId())
                .doesNotContain(project.getId());
    }
}
