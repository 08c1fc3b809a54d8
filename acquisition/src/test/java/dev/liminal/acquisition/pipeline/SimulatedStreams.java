package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.simulation.SimulatedHeadset;
import dev.liminal.acquisition.simulation.SimulatedSession;
import dev.liminal.acquisition.simulation.SimulationSettings;
import dev.liminal.acquisition.simulation.TimedMarker;
import dev.liminal.core.stream.MemoryStreamSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated session generated into memory: the EEG and the marker stream of a
 * {@link SimulatedHeadset}, stamped {@code start + t}, as two {@link MemoryStreamSource}s.
 */
final class SimulatedStreams {
    final SimulatedHeadset headset;
    final double[][] eeg;
    final double[] eegTimes;
    final String[][] markers;
    final double[] markerTimes;

    SimulatedStreams(SimulationSettings settings, double seconds, double startSeconds) {
        headset = new SimulatedHeadset(SimulatedHeadset.DEFAULT_NAME, SimulatedSession.DEFAULT, settings);
        int frames = (int) Math.round(seconds * settings.sampleRateHz());
        eeg = new double[settings.channelCount()][frames];
        eegTimes = new double[frames];
        List<TimedMarker> due = new ArrayList<>();
        int block = 100;
        double[][] buf = new double[settings.channelCount()][block];
        for (int at = 0; at < frames; at += block) {
            int n = Math.min(block, frames - at);
            SimulatedHeadset.SimulatedBlock b = headset.next(buf, n);
            due.addAll(b.markers());
            for (int c = 0; c < buf.length; c++) System.arraycopy(buf[c], 0, eeg[c], at, n);
        }
        for (int k = 0; k < frames; k++) eegTimes[k] = startSeconds + k / settings.sampleRateHz();
        markers = new String[due.size()][];
        markerTimes = new double[due.size()];
        for (int i = 0; i < due.size(); i++) {
            markers[i] = new String[] {due.get(i).text()};
            markerTimes[i] = startSeconds + due.get(i).timeSeconds();
        }
    }

    MemoryStreamSource eegSource() {
        return MemoryStreamSource.numeric(headset.eegStream(), eeg, eegTimes);
    }

    MemoryStreamSource markerSource() {
        return MemoryStreamSource.strings(headset.markerStream(), markers, markerTimes);
    }
}
