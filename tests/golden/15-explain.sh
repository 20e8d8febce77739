# kubectl explain: the schema of every kind the simulated API server serves, in kubectl's
# plaintext layout (GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS with <type>, -required- and
# enum lines). The descriptions are Ordinal's own words.
kubectl explain sts
kubectl explain statefulsets.apps.spec.updateStrategy
kubectl explain sts.spec --recursive
kubectl explain pod.spec.containers.livenessProbe
kubectl explain svc.spec.clusterIP
kubectl explain endpointslices.endpoints.conditions
kubectl explain pvc --recursive
kubectl explain sc --api-version=storage.k8s.io/v1
kubectl explain no.status.nodeInfo
kubectl explain ns
kubectl explain ev.involvedObject
kubectl explain controllerrevisions --recursive
kubectl explain pv.spec.persistentVolumeReclaimPolicy
kubectl explain foo
kubectl explain pods.spec.foo
kubectl explain sts --api-version=apps/v1beta1
