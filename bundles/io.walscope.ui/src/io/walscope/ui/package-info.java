/** Walscope UI. */
package io.walscope.ui;
