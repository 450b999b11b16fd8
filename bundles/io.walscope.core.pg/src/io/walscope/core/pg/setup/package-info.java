/** The guided setup's database work: the plugin test ({@link io.walscope.core.pg.setup.VerifyOperation}) and the wizard's operations. */
package io.walscope.core.pg.setup;
