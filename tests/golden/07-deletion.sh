# StatefulSet Basics: deleting StatefulSets. With --cascade=orphan the Pods keep running
# without an owner; a new StatefulSet adopts them. A cascading delete removes the Pods too
# (all at once, no ordering), but never the claims or the headless Service.
kubectl apply -f web.yaml
sleep 30s
kubectl delete statefulset web --cascade=orphan
kubectl get pods -l app=nginx
kubectl delete pod web-0
kubectl get pods -l app=nginx
kubectl apply -f web.yaml
kubectl get pods --watch -l app=nginx
kubectl get pods -l app=nginx
kubectl delete statefulset web
kubectl get pods --watch -l app=nginx
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl get service nginx
kubectl delete service nginx
kubectl delete pvc -l app=nginx
kubectl get pv
sleep 10s
kubectl get pv
