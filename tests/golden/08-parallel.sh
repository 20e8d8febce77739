# StatefulSet Basics: Parallel Pod management. Pods are created and deleted without waiting
# for their predecessors.
kubectl apply -f https://k8s.io/examples/application/web/web-parallel.yaml
kubectl get pod -l app.kubernetes.io/name=nginx --watch
kubectl scale statefulset/web --replicas=4
kubectl get pod -l app.kubernetes.io/name=nginx --watch
kubectl delete sts web
kubectl get pod -l app.kubernetes.io/name=nginx --watch
