package dev.colloquy.token;

/**
 * A newly issued token with its secret, which exists only here: the store keeps a hash.
 *
 * @param secret the bearer secret; show it once and forget it
 */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=****]";
    }
}
