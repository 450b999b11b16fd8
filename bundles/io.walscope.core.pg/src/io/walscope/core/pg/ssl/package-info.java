/**
 * What pgjdbc gets for SSL: {@link io.walscope.core.pg.ssl.WalscopeSslFactory}, the {@code sslfactory} that
 * builds the TLS context in memory from the profile's files ({@link io.walscope.core.pg.ssl.ClientSsl}); the
 * fallback {@link io.walscope.core.pg.ssl.NativeSslFiles} (converted files for pgjdbc's own key handling);
 * and {@link io.walscope.core.pg.ssl.SslErrors}, one sentence for each way an SSL connection fails.
 */
package io.walscope.core.pg.ssl;
