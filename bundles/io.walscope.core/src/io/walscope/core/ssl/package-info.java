/**
 * Keys and certificates in every common form, read with Bouncy Castle: {@link io.walscope.core.ssl.SslFiles}
 * reads, {@link io.walscope.core.ssl.ClientIdentity} pairs a key with its certificate chain,
 * {@link io.walscope.core.ssl.SslInspection} describes the three SSL file fields for the connection wizard,
 * {@link io.walscope.core.ssl.NativeKeyFiles} writes the forms pgjdbc reads by itself (the fallback).
 * Every failure is an {@link io.walscope.core.ssl.SslFileException} with one sentence that names the file
 * and the fix. Plain Java: no JDBC, no javax.net.ssl, nothing registered globally.
 */
package io.walscope.core.ssl;
