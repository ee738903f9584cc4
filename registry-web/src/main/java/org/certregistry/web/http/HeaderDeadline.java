package org.certregistry.web.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes a connection whose request head (request line and headers) does not arrive in time: from
 * when the connection opens, and again from the end of each answer for the next request on a
 * kept-alive connection. A read or idle timeout restarts at every byte, so a client sending one
 * header byte every few seconds would hold its connection, and its memory, for ever; this deadline
 * does not restart. Likewise a request body must have arrived in full within the body deadline.
 * (reactor-netty's own request timeout did that, but left a task per request scheduled for its
 * whole length, holding the request: at 5,000 requests a second, a 512 MB heap full of finished
 * requests and a server doing little but collect them.) Sits after the HTTP decoder, so it sees
 * whole request heads; one instance per connection; event-loop only.
 */
final class HeaderDeadline extends ChannelDuplexHandler {

    /** The name of this handler in a connection's pipeline. */
    static final String NAME = "registry.headerDeadline";

    private final long headNanos;
    private final long bodyNanos;
    private ScheduledFuture<?> timer;
    private boolean bodyArriving;

    HeaderDeadline(Duration head, Duration body) {
        this.headNanos = head.toNanos();
        this.bodyNanos = body.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx, headNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx, headNanos);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            disarm(); // the head is here; the pace of the body's bytes is reactor-netty's read timeout's business
            if (HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request)) {
                arm(ctx, bodyNanos);
                bodyArriving = true;
            }
        }
        if (msg instanceof LastHttpContent && bodyArriving) {
            disarm(); // the whole request is here
            bodyArriving = false;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            ChannelPromise written = promise.unvoid();
            written.addListener(done -> {
                // answered (perhaps before its body was all read, or even before the decoder passed on its end): from
                // now on the connection waits for the next head
                bodyArriving = false;
                arm(ctx, headNanos);
            }); // the next request on this connection must come in time too
            super.write(ctx, msg, written);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        disarm();
        if (ctx.channel().isActive()) {
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
