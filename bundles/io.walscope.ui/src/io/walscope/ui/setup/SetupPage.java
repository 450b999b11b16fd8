package io.walscope.ui.setup;

/** A page of the setup wizard: shows the model as it is after the latest check. */
interface SetupPage {
    void refresh();
}
