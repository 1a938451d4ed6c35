package dev.colloquy.springai;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code colloquy.*} properties: where the server is, the token, timeouts, retries and the key
 * prefix of the conversations Spring AI's memory keeps.
 */
@ConfigurationProperties(prefix = "colloquy")
public class ColloquyProperties {

    /** The server's base URL, such as http://localhost:8080. Required: without it nothing is configured. */
    private URI url;

    /** The project's bearer token. */
    private String token;

    /** How long to wait for a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** How long to wait for each answer. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    /** Attempts in all for a request that is safe to repeat (1: never retry). */
    private int maxAttempts = 4;

    /** Put in front of every conversation key (A-Z a-z 0-9 - . _ ~ : @ ! $ & ' ( ) * + , =). */
    private String keyPrefix = "";

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    @Override
    public String toString() {
        return "ColloquyProperties[url=" + url + ", token=" + (token == null ? "none" : "(hidden)") + "]";
    }
}
