package dev.colloquy.persistence;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationEntity;
import dev.colloquy.domain.IdentifiedEntity;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.Validation;
import dev.colloquy.message.MessageEntity;
import dev.colloquy.persistence.spi.NativeQuery;
import dev.colloquy.search.NewestMatches;
import dev.colloquy.search.Ranking;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchResults;
import dev.colloquy.search.SearchStore;
import dev.colloquy.search.SearchSyntax;
import dev.colloquy.search.Snippets;
import dev.colloquy.semantic.MessageEmbeddingEntity;
import dev.colloquy.semantic.VectorModel;
import dev.colloquy.semantic.Vectors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.hibernate.Session;

final class JpaSearchStore implements SearchStore {

    private static final UUID NO_CONVERSATION = new UUID(0, 0);

    private final Transactor tx;
    private final Validation validation;
    private final SearchSyntax syntax;
    private final VectorCache vectors;

    JpaSearchStore(Transactor tx, Validation validation, SearchSyntax syntax, VectorCache vectors) {
        this.tx = tx;
        this.validation = validation;
        this.syntax = syntax;
        this.vectors = vectors;
    }

    @Override
    public SearchResults find(UUID projectId, SearchRequest request) {
        int limit = validation.limits().pageSize("limit", request.limit());
        var filters = Filters.of(validation, request);
        SearchQuery query = SearchQuery.parse(request.query());
        if (query.isEmpty() && request.conversationId().isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        return tx.read(em -> {
            Ranked best = query.isEmpty() ? new Ranked(List.of(), false) : best(em, projectId, request, query, filters);
            if (best.matches().isEmpty()) {
                // A search within one conversation names it: another project's, or none, is not
                // found, as on every other route. Every match is of the named conversation in this
                // project (the statements join it), so only a search that found nothing asks.
                request.conversationId()
                        .ifPresent(conversation -> JpaConversationStore.require(em, projectId, conversation));
            }
            var page = best.matches().subList(0, Math.min(limit, best.matches().size()));
            var hits = new ArrayList<SearchHit>(page.size());
            hits.addAll(messageHits(em, page, query));
            hits.addAll(titleHits(em, page, query));
            return new SearchResults(sorted(hits, page), best.capped());
        });
    }

    /** Refuses a search by meaning in a project that opted out of it. */
    private static void requireSemanticSearch(EntityManager em, UUID projectId) {
        List<Boolean> on = em.createQuery("select p.semanticSearch from Project p where p.id = :id", Boolean.class)
                .setParameter("id", projectId)
                .getResultList();
        if (on.isEmpty()) {
            throw new NotFoundException("no project with id " + projectId);
        }
        if (!on.get(0)) {
            throw new InvalidInputException(
                    "mode",
                    "search by meaning is off for this project (its semanticSearch is false): only mode=keyword");
        }
    }

    @Override
    public SearchResults similar(UUID projectId, SearchRequest request, VectorModel model, float[] query) {
        int limit = validation.limits().pageSize("limit", request.limit());
        var filters = Filters.of(validation, request);
        float[] unit = Vectors.unit(model.check(query));
        SearchQuery words = SearchQuery.parse(request.query());
        return tx.read(em -> {
            requireSemanticSearch(em, projectId);
            var nearest = nearest(em, projectId, request, filters, model, unit, limit);
            if (nearest.isEmpty()) {
                request.conversationId()
                        .ifPresent(conversation -> JpaConversationStore.require(em, projectId, conversation));
            }
            var hits = new ArrayList<SearchHit>();
            for (SearchHit hit : messageHits(em, nearest, words)) {
                hits.add(hit.scored(hit.score(), OptionalDouble.of(hit.score())));
            }
            return new SearchResults(sorted(hits, nearest), false);
        });
    }

    @Override
    public SearchResults hybrid(UUID projectId, SearchRequest request, VectorModel model, float[] query) {
        int limit = validation.limits().pageSize("limit", request.limit());
        var filters = Filters.of(validation, request);
        float[] unit = Vectors.unit(model.check(query));
        SearchQuery words = SearchQuery.parse(request.query());
        return tx.read(em -> {
            requireSemanticSearch(em, projectId);
            Ranked byWords =
                    words.isEmpty() ? new Ranked(List.of(), false) : best(em, projectId, request, words, filters);
            var byMeaning = nearest(em, projectId, request, filters, model, unit, HYBRID_DEPTH);
            Map<UUID, Integer> wordRanks = new HashMap<>();
            Map<UUID, SearchHit.Kind> kinds = new HashMap<>();
            for (int i = 0; i < byWords.matches().size(); i++) {
                Match match = byWords.matches().get(i);
                wordRanks.put(match.id(), i + 1);
                kinds.put(match.id(), match.kind());
            }
            Map<UUID, Integer> meaningRanks = new HashMap<>();
            Map<UUID, Double> similarities = new HashMap<>();
            for (int i = 0; i < byMeaning.size(); i++) {
                Match match = byMeaning.get(i);
                meaningRanks.put(match.id(), i + 1);
                similarities.put(match.id(), match.score());
                kinds.put(match.id(), SearchHit.Kind.MESSAGE);
            }
            var fused = new ArrayList<Match>(kinds.size());
            kinds.forEach((id, kind) -> fused.add(new Match(
                    id, SearchStore.fused(wordRanks.getOrDefault(id, 0), meaningRanks.getOrDefault(id, 0)), kind)));
            fused.sort(BEST_FIRST);
            if (fused.isEmpty()) {
                request.conversationId()
                        .ifPresent(conversation -> JpaConversationStore.require(em, projectId, conversation));
            }
            var page = fused.subList(0, Math.min(limit, fused.size()));
            var hits = new ArrayList<SearchHit>(page.size());
            for (SearchHit hit : messageHits(em, page, words)) {
                UUID id = hit.messageId().orElseThrow();
                Double similarity = similarities.get(id);
                if (similarity == null) {
                    similarity = similarity(em, id, model, unit);
                }
                hits.add(hit.scored(
                        hit.score(), similarity == null ? OptionalDouble.empty() : OptionalDouble.of(similarity)));
            }
            hits.addAll(titleHits(em, page, words));
            return new SearchResults(sorted(hits, page), byWords.capped());
        });
    }

    /** A request's filters, checked and in the form the statements bind. */
    private record Filters(String tag, TimeBounds bounds, String metadata) {
        static Filters of(Validation validation, SearchRequest request) {
            return new Filters(
                    request.tag().map(t -> validation.tag("tag", t)).orElse(""),
                    TimeBounds.of(request.range()),
                    JpaConversationStore.metadataFilter(request.metadataEquals()));
        }
    }

    /**
     * The {@code depth} messages passing the request's filters whose vectors of {@code model} are
     * nearest {@code unit}, best first (higher similarity, then newer); every candidate is
     * compared, keeping the best in a bounded heap. The vectors held in memory ({@link
     * VectorCache}) are compared when the project's fit and the request has no metadata filter (a
     * JSON test the database makes); otherwise they are read from the database.
     */
    private List<Match> nearest(
            EntityManager em,
            UUID projectId,
            SearchRequest request,
            Filters filters,
            VectorModel model,
            float[] unit,
            int depth) {
        if (request.metadataEquals().isEmpty()) {
            var held = vectors.current(em, projectId, model);
            if (held.isPresent()) {
                return nearestHeld(em, projectId, request, filters, model, unit, depth, held.get());
            }
        }
        return nearestRead(em, projectId, request, filters, model, unit, depth);
    }

    /**
     * {@link #nearest} among the vectors held: the filters are tested on the copies of each
     * message's conversation, role and time stored with its vector, a tag through the project's
     * conversations that carry it. The best found are checked to exist still (a message deleted
     * since its project's vectors were read is left out, and the search made again without it).
     */
    private List<Match> nearestHeld(
            EntityManager em,
            UUID projectId,
            SearchRequest request,
            Filters filters,
            VectorModel model,
            float[] unit,
            int depth,
            VectorCache.Snapshot held) {
        Set<UUID> tagged = filters.tag().isEmpty()
                ? null
                : new HashSet<>(em.createQuery(
                                "select c.id from Conversation c join c.tags t where c.projectId = :project"
                                        + " and t.name = :tag",
                                UUID.class)
                        .setParameter("project", projectId)
                        .setParameter("tag", filters.tag())
                        .getResultList());
        long since = filters.bounds().since().toEpochMilli();
        long until = filters.bounds().until().toEpochMilli();
        UUID conversation = request.conversationId().orElse(null);
        Role role = request.role().orElse(null);
        var excluded = new HashSet<UUID>(held.deleted);
        while (true) {
            var worstFirst = new PriorityQueue<Match>(depth + 1, BEST_FIRST.reversed());
            for (VectorCache.Chunk chunk : held.chunks) {
                // Within one conversation, only its rows; else every row.
                int[] rows = chunk.rows(conversation);
                int count = rows == null ? chunk.ids.length : rows.length;
                for (int r = 0; r < count; r++) {
                    int i = rows == null ? r : rows[r];
                    if ((role != null && role != chunk.roles[i])
                            || chunk.createdAt[i] < since
                            || chunk.createdAt[i] >= until
                            || (tagged != null && !tagged.contains(chunk.conversations[i]))
                            || excluded.contains(chunk.ids[i])) {
                        continue;
                    }
                    offer(
                            worstFirst,
                            depth,
                            new Match(
                                    chunk.ids[i],
                                    Vectors.similarity(unit, chunk.vectors, i * chunk.dimensions),
                                    SearchHit.Kind.MESSAGE));
                }
            }
            var best = new ArrayList<>(worstFirst);
            best.sort(BEST_FIRST);
            if (best.isEmpty()) {
                return best;
            }
            var ids = best.stream().map(Match::id).toList();
            var alive = new HashSet<>(em.createQuery("select m.id from Message m where m.id in :ids", UUID.class)
                    .setParameter("ids", ids)
                    .getResultList());
            if (alive.size() == ids.size()) {
                return best;
            }
            var deleted = ids.stream().filter(id -> !alive.contains(id)).toList();
            excluded.addAll(deleted);
            vectors.deleted(new VectorCache.Key(projectId, model.name()), deleted);
        }
    }

    /** Keeps {@code match} among the {@code depth} best of {@code worstFirst}. */
    private static void offer(PriorityQueue<Match> worstFirst, int depth, Match match) {
        if (worstFirst.size() < depth) {
            worstFirst.add(match);
        } else if (BEST_FIRST.compare(match, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(match);
        }
    }

    /** {@link #nearest} reading the candidates' vectors from the database. */
    private static List<Match> nearestRead(
            EntityManager em,
            UUID projectId,
            SearchRequest request,
            Filters filters,
            VectorModel model,
            float[] unit,
            int depth) {
        em.createNamedQuery(NativeQuery.SEARCH_PLANNING.queryName()).getSingleResult();
        boolean inConversation = request.conversationId().isPresent();
        Query candidates = em.createNamedQuery(
                        (inConversation ? NativeQuery.MESSAGE_SIMILAR_IN_CONVERSATION : NativeQuery.MESSAGE_SIMILAR)
                                .queryName())
                .setParameter("project", projectId)
                .setParameter("since", filters.bounds().since())
                .setParameter("until", filters.bounds().until())
                .setParameter("tag", filters.tag())
                .setParameter("role", request.role().map(Role::wireName).orElse(""))
                .setParameter("byMetadata", request.metadataEquals().isEmpty() ? 0 : 1)
                .setParameter("filters", filters.metadata())
                .setParameter("model", model.name());
        request.conversationId().ifPresent(conversation -> candidates.setParameter("conversation", conversation));
        var worstFirst = new PriorityQueue<Match>(depth + 1, BEST_FIRST.reversed());
        try (Stream<?> rows = candidates.getResultStream()) {
            Iterator<?> iterator = rows.iterator();
            while (iterator.hasNext()) {
                Object[] row = (Object[]) iterator.next();
                offer(
                        worstFirst,
                        depth,
                        new Match((UUID) row[0], Vectors.similarity(unit, (byte[]) row[1]), SearchHit.Kind.MESSAGE));
            }
        }
        var best = new ArrayList<>(worstFirst);
        best.sort(BEST_FIRST);
        return best;
    }

    /** The similarity of a message's vector of {@code model} and {@code unit}; null without one. */
    private static Double similarity(EntityManager em, UUID messageId, VectorModel model, float[] unit) {
        var stored = em.find(MessageEmbeddingEntity.class, new MessageEmbeddingEntity.Key(messageId, model.name()));
        return stored == null || stored.vector() == null ? null : Vectors.similarity(unit, stored.vector());
    }

    /** The matching messages and titles (those ranked), best first; {@code query} is not empty. */
    private Ranked best(EntityManager em, UUID projectId, SearchRequest request, SearchQuery query, Filters filters) {
        String expression = syntax.render(query);
        em.createNamedQuery(NativeQuery.SEARCH_PLANNING.queryName()).getSingleResult();
        boolean inConversation = request.conversationId().isPresent();
        var messageStatement = filtered(
                        em.createNamedQuery((inConversation
                                        ? NativeQuery.MESSAGE_SEARCH_IN_CONVERSATION
                                        : NativeQuery.MESSAGE_SEARCH)
                                .queryName()),
                        projectId,
                        request,
                        filters,
                        expression)
                .setParameter("role", request.role().map(Role::wireName).orElse(""))
                .setParameter("byMetadata", request.metadataEquals().isEmpty() ? 0 : 1)
                .setParameter("filters", filters.metadata());
        if (inConversation) {
            messageStatement.setParameter("word", query.longestRequiredWord());
        }
        var messages = ranked(messageStatement, query, inConversation);
        // Titles have no author and no metadata of their own, so a search for one role's
        // messages, or by message metadata, finds no titles.
        var titles = request.messagesOnly()
                ? new Ranked(List.of(), false)
                : ranked(
                        filtered(
                                em.createNamedQuery(NativeQuery.CONVERSATION_SEARCH_TITLES.queryName()),
                                projectId,
                                request,
                                filters,
                                expression),
                        query,
                        false);
        var best = new ArrayList<Match>(
                messages.matches().size() + titles.matches().size());
        messages.matches().forEach(match -> best.add(match.of(SearchHit.Kind.MESSAGE)));
        titles.matches().forEach(match -> best.add(match.of(SearchHit.Kind.TITLE)));
        best.sort(BEST_FIRST);
        return new Ranked(best, messages.capped() || titles.capped());
    }

    /** A match and its score; {@code kind} is null until the two kinds are merged. */
    private record Match(UUID id, double score, SearchHit.Kind kind) {
        Match of(SearchHit.Kind value) {
            return new Match(id, score, value);
        }
    }

    /** Matches, scored, and whether there were more than Colloquy ranks. */
    private record Ranked(List<Match> matches, boolean capped) {}

    /**
     * Best first: the higher score, then the newer (ids are time-ordered), then a message before a
     * title.
     */
    private static final Comparator<Match> BEST_FIRST = Comparator.comparingDouble(Match::score)
            .reversed()
            .thenComparing(Match::id, (a, b) -> Ids.compare(b, a))
            .thenComparing(Match::kind);

    /**
     * Binds the search's common parameters; those a backend's query does not declare ({@code
     * :limit} where its rows do not come by id, the text query where Colloquy matches the text
     * itself) are left out.
     */
    private static Query filtered(
            Query query, UUID projectId, SearchRequest request, Filters filters, String expression) {
        query.setParameter("project", projectId)
                .setParameter("since", filters.bounds().since())
                .setParameter("until", filters.bounds().until())
                .setParameter("tag", filters.tag())
                .setParameter("conversation", request.conversationId().orElse(NO_CONVERSATION));
        var declared = new HashSet<String>();
        query.getParameters().forEach(parameter -> declared.add(parameter.getName()));
        if (declared.contains("query")) {
            query.setParameter("query", expression);
        }
        if (declared.contains("byConversation")) {
            query.setParameter("byConversation", request.conversationId().isPresent() ? 1 : 0);
        }
        if (declared.contains("limit")) {
            query.setParameter("limit", Ranking.CANDIDATES + 1);
        }
        return query;
    }

    /**
     * Scores the newest matches, reading the rows only as far as needed ({@link NewestMatches});
     * {@code matchText}: the rows are a conversation's messages whatever their text, each matched
     * here.
     */
    private static Ranked ranked(Query candidates, SearchQuery query, boolean matchText) {
        var newest = new NewestMatches();
        Optional<SearchQuery> matching = matchText ? Optional.of(query) : Optional.empty();
        try (Stream<?> rows = candidates.getResultStream()) {
            Iterator<?> iterator = rows.iterator();
            while (iterator.hasNext()) {
                Object[] row = (Object[]) iterator.next();
                if (!newest.offer((UUID) row[0], (String) row[1], (UUID) row[2], matching)) {
                    break;
                }
            }
        }
        var matches = new ArrayList<Match>(Ranking.CANDIDATES);
        for (var match : newest.newestFirst()) {
            matches.add(new Match(match.id(), Ranking.score(query, match.text()), null));
        }
        return new Ranked(matches, newest.capped());
    }

    private static List<SearchHit> messageHits(EntityManager em, List<Match> page, SearchQuery query) {
        return hits(em, page, SearchHit.Kind.MESSAGE, MessageEntity.class, (entity, score) -> {
            var message = entity.toMessage();
            return new SearchHit(
                    SearchHit.Kind.MESSAGE,
                    message.conversationId(),
                    Optional.of(message.id()),
                    Optional.of(message.seq()),
                    Optional.of(message.role()),
                    Snippets.around(message.searchableText(), query),
                    message.createdAt(),
                    score);
        });
    }

    private static List<SearchHit> titleHits(EntityManager em, List<Match> page, SearchQuery query) {
        return hits(em, page, SearchHit.Kind.TITLE, ConversationEntity.class, (entity, score) -> {
            Conversation conversation = entity.toConversation(new TreeSet<>());
            return new SearchHit(
                    SearchHit.Kind.TITLE,
                    conversation.id(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Snippets.around(conversation.title().orElse(""), query),
                    conversation.createdAt(),
                    score);
        });
    }

    /**
     * The hits of {@code kind} on the page: loads their entities by id at once ({@code
     * findMultiple}, whose load plan Hibernate keeps; a query {@code where id in :ids} was
     * translated anew on every search, a list parameter making its plan uncacheable).
     */
    private static <E extends IdentifiedEntity> List<SearchHit> hits(
            EntityManager em,
            List<Match> page,
            SearchHit.Kind kind,
            Class<E> type,
            BiFunction<E, Double, SearchHit> toHit) {
        Map<UUID, Double> scores = new HashMap<>();
        page.stream().filter(match -> match.kind() == kind).forEach(match -> scores.put(match.id(), match.score()));
        if (scores.isEmpty()) {
            return List.of();
        }
        var hits = new ArrayList<SearchHit>(scores.size());
        for (E entity : em.unwrap(Session.class).findMultiple(type, List.copyOf(scores.keySet()))) {
            if (entity != null) { // deleted since it was found
                hits.add(toHit.apply(entity, scores.get(entity.id())));
            }
        }
        return hits;
    }

    /** {@code hits} in the order of {@code page} (a match deleted since it was found is left out). */
    private static List<SearchHit> sorted(List<SearchHit> hits, List<Match> page) {
        Map<UUID, SearchHit> byId = new HashMap<>();
        hits.forEach(hit -> byId.put(hit.messageId().orElse(hit.conversationId()), hit));
        var ordered = new ArrayList<SearchHit>(page.size());
        for (Match match : page) {
            SearchHit hit = byId.get(match.id());
            if (hit != null && hit.kind() == match.kind()) {
                ordered.add(hit);
            }
        }
        return ordered;
    }
}
