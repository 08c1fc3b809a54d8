/**
 * The simulated headset of the {@code simulate} command and the demo, independent of any
 * transport: a scripted dosing session ({@link dev.liminal.acquisition.simulation.SimulatedSession}:
 * baseline, a 40-minute IV infusion, emergence, recovery), an EEG generator driven by the
 * predicted plasma concentration of dsp's two-compartment model
 * ({@link dev.liminal.acquisition.simulation.SimulatedEeg}), the session's marker stream in
 * Liminal's session text encoding ({@link dev.liminal.acquisition.simulation.SessionMarkers}),
 * the two together with their stream descriptions
 * ({@link dev.liminal.acquisition.simulation.SimulatedHeadset}), a wall-clock pacer for
 * publishers ({@link dev.liminal.acquisition.simulation.RealTimePacer}) and the LSL publisher of
 * the {@code simulate} and {@code demo} commands
 * ({@link dev.liminal.acquisition.simulation.SimulationPublisher}).
 *
 * <p>Generation is pull-based and deterministic for a seed; time compression ({@code speed})
 * compresses the script, not the physiology. Depends on {@code core}, {@code dsp}
 * (pharmacokinetics) and {@code datasets} (session annotation encoding); never on
 * {@code viewer} or {@code app}. Only {@code SimulationPublisher} uses the LSL classes (outlets);
 * the generators stay transport-free.
 */
package dev.liminal.acquisition.simulation;
