package dev.colloquy.persistence;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationEntity;
import dev.colloquy.domain.IdentifiedEntity;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.Validation;
import dev.colloquy.message.MessageEntity;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchStore;
import dev.colloquy.search.SearchSyntax;
import dev.colloquy.search.Snippets;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

final class JpaSearchStore implements SearchStore {

    private static final UUID NO_CONVERSATION = new UUID(0, 0);

    private final Transactor tx;
    private final Validation validation;
    private final SearchSyntax syntax;

    JpaSearchStore(Transactor tx, Validation validation, SearchSyntax syntax) {
        this.tx = tx;
        this.validation = validation;
        this.syntax = syntax;
    }

    @Override
    public List<SearchHit> search(UUID projectId, SearchRequest request) {
        int limit = validation.limits().pageSize("limit", request.limit());
        String tag = request.tag().map(t -> validation.tag("tag", t)).orElse("");
        SearchQuery query = SearchQuery.parse(request.query());
        if (query.isEmpty() && request.conversationId().isEmpty()) {
            return List.of();
        }
        String expression = query.isEmpty() ? "" : syntax.render(query);
        return tx.read(em -> {
            // A search within one conversation names it: another project's, or none, is not found,
            // as on every other route.
            request.conversationId()
                    .ifPresent(conversation -> JpaConversationStore.require(em, projectId, conversation));
            if (query.isEmpty()) {
                return List.<SearchHit>of();
            }
            var hits = new ArrayList<SearchHit>(messageHits(em, projectId, request, tag, expression, query, limit));
            // Titles have no author, so a search for one role's messages finds no titles.
            if (request.role().isEmpty()) {
                hits.addAll(titleHits(em, projectId, request, tag, expression, query, limit));
            }
            hits.sort(BEST_FIRST);
            return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
        });
    }

    private static final Comparator<SearchHit> BEST_FIRST = Comparator.comparingDouble(SearchHit::rank)
            .reversed()
            .thenComparing(SearchHit::kind)
            .thenComparing(hit -> hit.messageId().orElse(hit.conversationId()), Ids::compare);

    private static <T extends Query> T filtered(
            T query, UUID projectId, SearchRequest request, String tag, String expression, int limit) {
        query.setParameter("project", projectId)
                .setParameter("query", expression)
                .setParameter("tag", tag)
                .setParameter("byConversation", request.conversationId().isPresent() ? 1 : 0)
                .setParameter("conversation", request.conversationId().orElse(NO_CONVERSATION))
                .setParameter("limit", limit);
        return query;
    }

    private static List<SearchHit> messageHits(
            EntityManager em,
            UUID projectId,
            SearchRequest request,
            String tag,
            String expression,
            SearchQuery query,
            int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filtered(
                        em.createNamedQuery("Message.search"), projectId, request, tag, expression, limit)
                .setParameter("role", request.role().map(Role::wireName).orElse(""))
                .getResultList();
        return hits(em, rows, "select m from Message m where m.id in :ids", MessageEntity.class, (entity, rank) -> {
            var message = entity.toMessage();
            return new SearchHit(
                    SearchHit.Kind.MESSAGE,
                    message.conversationId(),
                    Optional.of(message.id()),
                    Optional.of(message.seq()),
                    Optional.of(message.role()),
                    Snippets.around(message.content(), query),
                    message.createdAt(),
                    rank);
        });
    }

    private static List<SearchHit> titleHits(
            EntityManager em,
            UUID projectId,
            SearchRequest request,
            String tag,
            String expression,
            SearchQuery query,
            int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filtered(
                        em.createNamedQuery("Conversation.searchTitles"), projectId, request, tag, expression, limit)
                .getResultList();
        return hits(
                em,
                rows,
                "select c from Conversation c where c.id in :ids",
                ConversationEntity.class,
                (entity, rank) -> {
                    Conversation conversation = entity.toConversation(new TreeSet<>());
                    return new SearchHit(
                            SearchHit.Kind.TITLE,
                            conversation.id(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Snippets.around(conversation.title().orElse(""), query),
                            conversation.createdAt(),
                            rank);
                });
    }

    /**
     * Turns the rows of a search query, {@code (id, rank)} best first, into hits: loads the matched
     * entities in one query ({@code byIds} selects them by {@code :ids}) and keeps the rows' order.
     */
    private static <E extends IdentifiedEntity> List<SearchHit> hits(
            EntityManager em,
            List<Object[]> rows,
            String byIds,
            Class<E> type,
            BiFunction<E, Double, SearchHit> toHit) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, E> entities = new HashMap<>();
        em.createQuery(byIds, type)
                .setParameter("ids", rows.stream().map(row -> (UUID) row[0]).toList())
                .getResultStream()
                .forEach(entity -> entities.put(entity.id(), entity));
        var hits = new ArrayList<SearchHit>(rows.size());
        for (Object[] row : rows) {
            E entity = entities.get((UUID) row[0]);
            if (entity != null) {
                hits.add(toHit.apply(entity, ((Number) row[1]).doubleValue()));
            }
        }
        return hits;
    }
}
