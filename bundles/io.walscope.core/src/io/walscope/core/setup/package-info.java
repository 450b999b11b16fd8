/**
 * The guided setup: the steps of the source guide ({@link io.walscope.core.setup.SetupStep}) and where each
 * finding belongs, the SQL of the changes the setup makes beyond the checks' fixes, and the plugin test
 * ({@link io.walscope.core.setup.VerifyPlan}, {@link io.walscope.core.setup.VerifyRules}). Pure: the database work
 * is in {@code io.walscope.core.pg.setup}.
 */
package io.walscope.core.setup;
