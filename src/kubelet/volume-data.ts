// Where the files of a PersistentVolume live in the simulation: one overlay per volume in the
// store's meta, outside any pod's keys, so that they outlive the pods that wrote them and are
// seen by the next pod mounting the volume. The provisioner removes them with the volume.
export const persistentVolumeDataKey = (pvName: string) => `volumes/pv/${pvName}`;
