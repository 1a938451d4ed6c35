package dev.colloquy.search;

import dev.colloquy.domain.Validation;
import dev.colloquy.message.MessageEntity;
import dev.colloquy.persistence.Transactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class JpaSearchStore implements SearchStore {

    private static final UUID NO_CONVERSATION = new UUID(0, 0);

    private final Transactor tx;
    private final Validation validation;
    private final SearchSyntax syntax;

    public JpaSearchStore(Transactor tx, Validation validation, SearchSyntax syntax) {
        this.tx = tx;
        this.validation = validation;
        this.syntax = syntax;
    }

    @Override
    public List<SearchHit> search(UUID projectId, SearchRequest request) {
        int limit = validation.limits().pageSize("limit", request.limit());
        String tag = request.tag().map(t -> validation.tag("tag", t)).orElse("");
        SearchQuery query = SearchQuery.parse(request.query());
        if (query.isEmpty()) {
            return List.of();
        }
        String expression = syntax.render(query);
        return tx.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNamedQuery("Message.search")
                    .setParameter("project", projectId)
                    .setParameter("query", expression)
                    .setParameter("tag", tag)
                    .setParameter("role", request.role().map(r -> r.wireName()).orElse(""))
                    .setParameter("byConversation", request.conversationId().isPresent() ? 1 : 0)
                    .setParameter("conversation", request.conversationId().orElse(NO_CONVERSATION))
                    .setMaxResults(limit)
                    .getResultList();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
            Map<UUID, MessageEntity> messages = new HashMap<>();
            em.createQuery("select m from Message m where m.id in :ids", MessageEntity.class)
                    .setParameter("ids", ids)
                    .getResultStream()
                    .forEach(m -> messages.put(m.id(), m));
            var hits = new ArrayList<SearchHit>(rows.size());
            for (Object[] row : rows) {
                MessageEntity entity = messages.get((UUID) row[0]);
                if (entity != null) {
                    var message = entity.toMessage();
                    hits.add(new SearchHit(
                            message.conversationId(),
                            message.id(),
                            message.seq(),
                            message.role(),
                            Snippets.around(message.content(), query),
                            message.createdAt(),
                            ((Number) row[1]).doubleValue()));
                }
            }
            return hits;
        });
    }
}
