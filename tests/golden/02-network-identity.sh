# StatefulSet Basics: stable network identity. Hostnames and DNS names follow the ordinal;
# after the Pods are deleted and recreated their names stay, their IP addresses change.
kubectl apply -f web.yaml
sleep 30s
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl exec web-0 -- hostname -f
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
nslookup web-1.nginx
nslookup nginx
exit
kubectl get pods -l app=nginx -o wide
kubectl delete pod -l app=nginx
kubectl get pod --watch -l app=nginx
for i in 0 1; do kubectl exec web-$i -- sh -c 'hostname'; done
kubectl get pods -l app=nginx -o wide
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
nslookup web-2.nginx
exit
