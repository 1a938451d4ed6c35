package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Validation;
import dev.colloquy.project.ProjectEntity;
import dev.colloquy.token.ApiToken;
import dev.colloquy.token.ApiTokenEntity;
import dev.colloquy.token.IssuedToken;
import dev.colloquy.token.TokenRow;
import dev.colloquy.token.TokenStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JpaTokenStore implements TokenStore {

    /** Secrets start with this prefix, so a leaked one is recognizable to secret scanners. */
    static final String SECRET_PREFIX = "cq_";

    private static final int MIN_CHOSEN_SECRET_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transactor tx;
    private final Clock clock;
    private final Validation validation;

    JpaTokenStore(Transactor tx, Clock clock, Validation validation) {
        this.tx = tx;
        this.clock = clock;
        this.validation = validation;
    }

    @Override
    public IssuedToken issue(UUID projectId, String name, boolean admin, Optional<Instant> expiresAt) {
        return store(projectId, name, admin, expiresAt, randomSecret(), false).orElseThrow();
    }

    @Override
    public IssuedToken issueWithSecret(UUID projectId, String name, boolean admin, String secret) {
        return store(projectId, name, admin, Optional.empty(), chosen(secret), false)
                .orElseThrow();
    }

    @Override
    public Optional<IssuedToken> issueFirstAdmin(UUID projectId, String name, Optional<String> secret) {
        String value = secret.isPresent() ? chosen(secret.get()) : randomSecret();
        return store(projectId, name, true, Optional.empty(), value, true);
    }

    private static String randomSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String chosen(String secret) {
        if (secret == null
                || secret.length() < MIN_CHOSEN_SECRET_LENGTH
                || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException(
                    "secret",
                    "must be at least " + MIN_CHOSEN_SECRET_LENGTH + " printable ASCII characters without spaces");
        }
        return secret;
    }

    /**
     * Stores a token. With {@code onlyFirst}, the project's row is locked first (the writers of
     * one database then take turns here), and nothing is stored if any token exists by then.
     */
    private Optional<IssuedToken> store(
            UUID projectId, String name, boolean admin, Optional<Instant> expiresAt, String secret, boolean onlyFirst) {
        String checkedName = validation.name("name", name);
        Instant now = Clocks.now(clock);
        Optional<Instant> expiry = expiresAt.map(instant -> Clocks.input("expiresAt", instant));
        if (expiry.isPresent() && !expiry.get().isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future, was " + expiry.get());
        }
        String hash = hash(secret);
        return tx.write(em -> {
            var project = em.find(
                    ProjectEntity.class, projectId, onlyFirst ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE);
            if (project == null) {
                throw new NotFoundException("no project with id " + projectId);
            }
            if (onlyFirst
                    && em.createQuery("select count(t) from ApiToken t", Long.class)
                                    .getSingleResult()
                            > 0) {
                return Optional.<IssuedToken>empty();
            }
            boolean taken = !em.createQuery("select t.id from ApiToken t where t.secretHash = :hash", UUID.class)
                    .setParameter("hash", hash)
                    .getResultList()
                    .isEmpty();
            if (taken) {
                throw new ConflictException("a token with this secret exists already");
            }
            var token = new ApiTokenEntity(Ids.next(), projectId, checkedName, hash, admin, now, expiry.orElse(null));
            em.persist(token);
            return Optional.of(new IssuedToken(token.toToken(), secret));
        });
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = Clocks.now(clock);
        return tx.read(em -> em.createQuery(TokenRow.SELECT + " where t.secretHash = :hash", TokenRow.class)
                .setParameter("hash", hash)
                .getResultStream()
                .filter(t -> MessageDigest.isEqual(
                        t.secretHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .map(TokenRow::token)
                .filter(t -> t.isActiveAt(now))
                .findFirst());
    }

    @Override
    public List<ApiToken> list(UUID projectId) {
        return tx.read(em -> em.createQuery(
                        "select t from ApiToken t where t.projectId = :project order by t.createdAt, t.id",
                        ApiTokenEntity.class)
                .setParameter("project", projectId)
                .getResultStream()
                .map(ApiTokenEntity::toToken)
                .toList());
    }

    @Override
    public Optional<ApiToken> find(UUID tokenId) {
        return tx.read(em -> byId(em, tokenId).map(ApiTokenEntity::toToken));
    }

    @Override
    public ApiToken revoke(UUID tokenId) {
        return tx.write(em -> {
            ApiTokenEntity token =
                    byId(em, tokenId).orElseThrow(() -> new NotFoundException("no token with id " + tokenId));
            token.revoke(Clocks.now(clock));
            return token.toToken();
        });
    }

    @Override
    public void recordUse(Map<UUID, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        tx.write(em -> {
            lastUsed.forEach((id, at) -> em.createQuery("update ApiToken t set t.lastUsedAt = :at"
                            + " where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt < :at)")
                    .setParameter("at", Clocks.truncate(at))
                    .setParameter("id", id)
                    .executeUpdate());
            return null;
        });
    }

    @Override
    public boolean any() {
        return tx.read(em ->
                em.createQuery("select count(t) from ApiToken t", Long.class).getSingleResult() > 0);
    }

    // A query, not em.find, which answers null when the connection fails (HHH-12472).
    private static Optional<ApiTokenEntity> byId(EntityManager em, UUID id) {
        return em.createQuery("select t from ApiToken t where t.id = :id", ApiTokenEntity.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
