# StatefulSet Basics: creating a StatefulSet. The Pods are created one at a time, in order:
# web-1 is not even Pending until web-0 is Running and Ready.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl get pods --watch -l app=nginx
kubectl get service nginx
kubectl get statefulset web
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl get events --field-selector involvedObject.kind=StatefulSet
