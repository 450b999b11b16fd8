/** Help > About Walscope. */
package io.walscope.ui.about;
