package org.e2v.ui.train;

/** A tiny encoder and schedule for tests (seconds per run). */
final class Tiny {
    private Tiny() {
    }

    static void configure(TrainViewModel vm, int epochs) {
        vm.featureSet.set("mfcc");
        vm.normalization.set("utterance");
        vm.maxFrames.set(32);
        vm.gruHidden.set(8);
        vm.modelDim.set(8);
        vm.heads.set(2);
        vm.ffDim.set(16);
        vm.dropout.set(0.0);
        vm.epochs.set(epochs);
        vm.perClass.set(2);
        vm.episodesPerEpoch.set(2);
        vm.enrollCount.set(2);
        vm.repeats.set(1);
    }
}
