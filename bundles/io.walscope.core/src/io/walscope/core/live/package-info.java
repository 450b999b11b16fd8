/**
 * The live view's model, without a display: compact copies of change events ({@link io.walscope.core.live.LiveEvent}),
 * the bounded ring buffer the reader fills and the view drains ({@link io.walscope.core.live.LiveBuffer}), the
 * listener that captures a stream into it ({@link io.walscope.core.live.LiveCapture}) and the filters
 * ({@link io.walscope.core.live.LiveFilter}).
 */
package io.walscope.core.live;
