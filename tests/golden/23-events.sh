# Events as a real cluster keeps them: the ReplicaSet of 20 records nine "Created pod" events,
# then, from the tenth similar one, one "(combined from similar events)" event whose count
# grows (client-go's EventCorrelator); an Event is gone an hour after its last write
# (kube-apiserver --event-ttl, its lease a minute longer).
kubectl apply -f https://k8s.io/examples/controllers/frontend.yaml
kubectl scale rs frontend --replicas=20
sleep 30s
kubectl describe rs frontend
kubectl get events --field-selector involvedObject.kind=ReplicaSet
sleep 59m
kubectl get events --field-selector involvedObject.kind=ReplicaSet
sleep 2m
kubectl get events --field-selector involvedObject.kind=ReplicaSet
