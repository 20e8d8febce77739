# The ReplicaSet page (concepts/workloads/controllers/replicaset): frontend.yaml from its
# k8s.io URL, the ReplicaSet's pods with random names and their ownerReferences, scaling, a
# deleted pod replaced under a new name, and bare pods that match the selector being adopted
# and deleted because the ReplicaSet already has enough.
kubectl apply -f https://k8s.io/examples/controllers/frontend.yaml
kubectl get rs
sleep 20s
kubectl get rs
kubectl get rs -o wide
kubectl describe rs/frontend
kubectl get pods
P=$(kubectl get pods -o jsonpath='{.items[0].metadata.name}')
kubectl get pods $P -o jsonpath='{.metadata.ownerReferences}'
echo
kubectl delete pod $P
kubectl get pods
kubectl get pods $P
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: pod1
  labels:
    tier: frontend
spec:
  containers:
  - name: hello1
    image: gcr.io/google-samples/hello-app:2.0
---
apiVersion: v1
kind: Pod
metadata:
  name: pod2
  labels:
    tier: frontend
spec:
  containers:
  - name: hello2
    image: gcr.io/google-samples/hello-app:1.0
EOF
sleep 5s
kubectl get pods
kubectl scale rs frontend --replicas=5
sleep 10s
kubectl get rs frontend
kubectl scale rs/frontend --replicas=2
sleep 10s
kubectl get pods
kubectl scale rs/frontend --replicas=2 --current-replicas=3
kubectl describe rs frontend
kubectl delete rs frontend
sleep 5s
kubectl get pods
