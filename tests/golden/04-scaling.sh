# StatefulSet Basics: scaling. Scaling up creates web-2, web-3, web-4 in order; scaling down
# terminates the highest ordinal first, one at a time. The claims of removed Pods remain.
kubectl apply -f web.yaml
sleep 30s
kubectl scale sts web --replicas=5
kubectl get pods --watch -l app=nginx
kubectl patch sts web -p '{"spec":{"replicas":3}}'
kubectl get pods --watch -l app=nginx
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl describe sts web
