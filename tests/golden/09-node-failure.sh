# Node failure. The node stops reporting; after the grace period it becomes NotReady and its
# Pods are marked not Ready; after 300s they are evicted but stay Terminating because no
# kubelet confirms. The StatefulSet does not replace web-0 until it is force deleted.
kubectl apply -f web.yaml
sleep 30s
kubectl get pods -o wide
sim node stop node-1
sleep 60s
kubectl get nodes
kubectl get pods -o wide
sleep 5m
kubectl get pods -o wide
kubectl describe node node-1
kubectl delete pod web-0 --grace-period=0 --force
kubectl get pods --watch -l app=nginx
kubectl describe pod web-0
sim node start node-1
kubectl get pods --watch -l app=nginx
kubectl get nodes
