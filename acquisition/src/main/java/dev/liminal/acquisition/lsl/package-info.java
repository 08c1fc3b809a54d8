/**
 * Pure-Java Lab Streaming Layer (LSL), wire-compatible with liblsl 1.17 (protocol 1.10 and the
 * 1.00 archive), as described in {@code LSL-PROTOCOL.md} beside ARCHITECTURE.md.
 *
 * <p>Public API: {@link dev.liminal.acquisition.lsl.LslStreamInfo} (the info document),
 * {@link dev.liminal.acquisition.lsl.LslConfig} (scope, ports, session, known peers; an
 * lsl_api.cfg subset, also from {@code LIMINAL_LSL_CONFIG}),
 * {@link dev.liminal.acquisition.lsl.LslOutlet}, {@link dev.liminal.acquisition.lsl.LslResolver},
 * {@link dev.liminal.acquisition.lsl.LslInlet} with {@link dev.liminal.acquisition.lsl.LslInletOptions},
 * {@link dev.liminal.acquisition.lsl.ChannelFormat}, {@link dev.liminal.acquisition.lsl.LslClock}.
 *
 * <p>Scope: {@link dev.liminal.acquisition.lsl.LslConfig.Scope#LOCAL} (default) binds every
 * socket to loopback and discovers by unicast to the shared responder port and every port of the
 * outlet range (plus known peers); multicast and broadcast only in
 * {@link dev.liminal.acquisition.lsl.LslConfig.Scope#LAN}. IPv4 only.
 *
 * <p>Threads (daemon, named {@code liminal-lsl-<role>-<stream>}): an outlet has an acceptor, a
 * UDP service thread, a responder thread and one writer per connection; an inlet has a reader
 * and a time-sync thread. Hot paths (push, decode, pull into caller arrays) allocate nothing per
 * numeric sample.
 *
 * <p>Errors: {@link dev.liminal.acquisition.lsl.LslProtocolException}, one line naming the
 * stream and field. A bad peer fails only its own stream; the inlet reports breaks, gaps and
 * loss as {@link dev.liminal.acquisition.lsl.LslInletEvent}s and keeps
 * {@link dev.liminal.acquisition.lsl.LslGap}s.
 *
 * <p>Values are carried raw, in the sender's units (no scaling to microvolts here). JDK only:
 * no JNI/JNA, no third-party code. Depends on {@code core} and on datasets' hardened XML parser
 * ({@code SafeXml}); must not depend on {@code viewer}, {@code app}, or other acquisition packages.
 */
package dev.liminal.acquisition.lsl;
