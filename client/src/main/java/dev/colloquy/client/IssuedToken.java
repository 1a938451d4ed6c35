package dev.colloquy.client;

/** A token just issued, with its secret: shown only in this answer. */
public record IssuedToken(Token token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=(hidden)]";
    }
}
