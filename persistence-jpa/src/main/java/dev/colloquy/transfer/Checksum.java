package dev.colloquy.transfer;

import java.math.BigInteger;

/**
 * An order-independent checksum of a table: the row count and the sum, modulo 2^256, of the
 * SHA-256 of every row's canonical encoding. A sum (unlike XOR) also tells a row stored twice from
 * one stored never.
 */
final class Checksum {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private long rows;
    private BigInteger sum = BigInteger.ZERO;

    void add(String canonical) {
        rows++;
        sum = sum.add(new BigInteger(1, Canonical.sha256(canonical))).mod(MODULUS);
    }

    long rows() {
        return rows;
    }

    /** 64 hex digits. */
    String hex() {
        return String.format("%064x", sum);
    }
}
