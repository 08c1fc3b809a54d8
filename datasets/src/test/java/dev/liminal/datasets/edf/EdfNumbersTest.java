package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header number fitting, TAL formatting and EDF+ identification fields. */
class EdfNumbersTest {
    @Test
    void boundsAreRoundedOutwardIntoEightCharacters() {
        assertEquals("-123.457", EdfNumbers.fit(-123.456789, RoundingMode.FLOOR));
        assertEquals("123.4568", EdfNumbers.fit(123.456789, RoundingMode.CEILING));
        assertEquals("0.000001", EdfNumbers.fit(1e-9, RoundingMode.CEILING));
        assertEquals("0", EdfNumbers.fit(1e-9, RoundingMode.FLOOR));
        assertEquals("12345678", EdfNumbers.fit(12345678, RoundingMode.FLOOR));
        assertEquals("-1234568", EdfNumbers.fit(-1234567.5, RoundingMode.FLOOR));
        assertNull(EdfNumbers.fit(123456789, RoundingMode.FLOOR));
        assertTrue(EdfNumbers.fitsExactly(0.25));
        assertFalse(EdfNumbers.fitsExactly(1.0 / 3));
    }

    @Test
    void talsAreFormattedWithSignedOnsetsAndOptionalDurations() {
        assertEquals("+0\u0014\u0014\u0000", new String(TimeAnnotationLists.timekeeping(0), StandardCharsets.UTF_8));
        assertEquals("+12.25\u0014\u0014\u0000", new String(TimeAnnotationLists.timekeeping(12.25), StandardCharsets.UTF_8));
        assertEquals("-0.5\u00151.5\u0014a b\u0014\u0000",
                new String(TimeAnnotationLists.annotation(-0.5, 1.5, "a\u0014b"), StandardCharsets.UTF_8));
        assertEquals("+3.0000001\u0014ü\u0014\u0000",
                new String(TimeAnnotationLists.annotation(3.00000007, Double.NaN, "ü"), StandardCharsets.UTF_8));
    }

    @Test
    void formattedTalsParseBackToTheSameAnnotations() throws Exception {
        byte[] a = TimeAnnotationLists.timekeeping(7.5);
        byte[] b = TimeAnnotationLists.annotation(-2, 0.125, "Schlafstadium W");
        byte[] all = new byte[a.length + b.length + 4];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        List<Annotation> out = new ArrayList<>();
        double onset = TimeAnnotationLists.parse(Path.of("x.edf"), 0, all, 0, all.length, true, 7.5, out);
        assertEquals(7.5, onset);
        assertEquals(List.of(new Annotation(-9.5, 0.125, "Schlafstadium W", "")), out);
    }

    @Test
    void identificationFieldsAreBuiltAsciiWithUnknownsAsX() {
        assertEquals("X X X X", EdfIdentification.buildPatient(java.util.Map.of()));
        assertEquals("MCH-0234567 F 02-MAY-1951 Haagse_Harry", EdfIdentification.buildPatient(java.util.Map.of(
                EdfIdentification.PATIENT_CODE, "MCH-0234567", EdfIdentification.PATIENT_SEX, "Female",
                EdfIdentification.PATIENT_BIRTHDATE, "02-may-1951", EdfIdentification.PATIENT_NAME, "Haagse Harry")));
        assertEquals("X X X Francois_?", EdfIdentification.buildPatient(java.util.Map.of(
                EdfIdentification.PATIENT_NAME, "François ✓", EdfIdentification.PATIENT_BIRTHDATE, "1951-05-02")));
        assertEquals("Startdate 02-MAR-2002 X X X", EdfIdentification.buildRecording(java.util.Map.of(),
                java.time.LocalDate.of(2002, 3, 2)));
        assertEquals(80, EdfIdentification.buildPatient(java.util.Map.of(EdfIdentification.PATIENT_ADDITIONAL,
                "x".repeat(200))).length());
    }
}
