/**
 * The pharmacokinetic model of ARCHITECTURE.md's dsp row: predicted plasma concentration of
 * ketamine during and after intravenous infusions from a two-compartment model
 * ({@link dev.liminal.dsp.pharmacokinetics.TwoCompartmentModel}, parameters in
 * {@link dev.liminal.dsp.pharmacokinetics.TwoCompartmentParameters}, the default ketamine set in
 * {@link dev.liminal.dsp.pharmacokinetics.KetamineParameters}), and the linear
 * concentration-to-effect ramp of DOMAIN.md
 * ({@link dev.liminal.dsp.pharmacokinetics.ConcentrationEffect}).
 *
 * <p>Times are {@code double} seconds on the session clock, amounts mg, volumes litres,
 * clearances litres per hour (the unit the literature quotes), concentrations ng/mL. Every type
 * is immutable. A prediction for background and simulation, not clinical guidance. Depends on
 * {@code core} (the {@link dev.liminal.core.session.Dose} record) and the JDK only; never on
 * {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp.pharmacokinetics;
