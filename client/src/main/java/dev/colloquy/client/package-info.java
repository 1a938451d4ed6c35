/**
 * A Java client for Colloquy's REST API. Start at {@link dev.colloquy.client.ColloquyClient}.
 *
 * <p>Every route has a typed method; a problem the server answers with (RFC 9457) is thrown as a
 * {@link dev.colloquy.client.ColloquyProblemException} or one of its subclasses, a failure to reach
 * the server as a {@link dev.colloquy.client.ColloquyTransportException}. Pages are read one at a
 * time or walked with iterators. Requests are retried only when repeating them is safe.
 */
package dev.colloquy.client;
