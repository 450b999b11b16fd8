/** Walscope's Welcome page (Window › Show View › Welcome, Help › Welcome, the first start). */
package io.walscope.ui.welcome;
