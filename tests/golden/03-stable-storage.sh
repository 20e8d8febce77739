# StatefulSet Basics: stable storage. Each Pod's claim (www-web-N) is bound to its own
# PersistentVolume, and a recreated Pod mounts the same one, so what it wrote is still there.
kubectl apply -f web.yaml
sleep 30s
kubectl get pvc -l app=nginx
for i in 0 1; do kubectl exec "web-$i" -- curl -s http://localhost/; done
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl delete pod -l app=nginx
kubectl get pod --watch -l app=nginx
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl exec web-0 -- curl -s web-1.nginx
kubectl exec web-0 -- ls -l /usr/share/nginx/html
kubectl exec web-0 -- cat /usr/share/nginx/html/missing.html
kubectl exec web-0 -- curl -s http://web-1.nginx/missing.html
