/**
 * Safe XML parsing for file headers that come from untrusted files (XDF stream headers,
 * BrainVision and BIDS sidecars): no DTDs, no external entities, no entity expansion, no
 * network or file access. {@link dev.liminal.datasets.xml.SafeXml} turns every parse failure
 * into a {@link dev.liminal.datasets.RecordingFormatException} naming the file and the byte
 * offset of the XML in it. Depends on the JDK ({@code java.xml}) and the datasets SPI only.
 */
package dev.liminal.datasets.xml;
