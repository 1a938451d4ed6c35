package dev.colloquy.persistence.spi;

import java.util.function.IntSupplier;

/**
 * What one connection pool holds right now, read when asked (for metrics).
 *
 * @param name the pool's part: {@code writer} and {@code reader} where the backend has two pools,
 *     {@code main} where one serves both
 * @param active connections in use
 * @param idle connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param max the most connections the pool opens
 */
public record PoolGauge(String name, IntSupplier active, IntSupplier idle, IntSupplier pending, int max) {}
